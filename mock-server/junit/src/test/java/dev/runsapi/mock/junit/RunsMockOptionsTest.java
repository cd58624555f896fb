package dev.runsapi.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each option becomes the mock's flag of the same name; unset ones the mock's default. */
class RunsMockOptionsTest {
  @RunsMockTest
  static class Defaults {}

  @RunsMockTest(seed = 5, runs = 9, data = {"a.json", "b.ndjson"}, apps = "apps.json",
      appId = "app", apiKey = "key", rateLimit = 3, latencyMs = 20, failRate = 0.25, failSeed = 11,
      defects = {"order-ignored", "tenant-leak"}, args = {"--future-flag", "x"})
  static class Everything {}

  private static final List<String> EVERYTHING = List.of("--port", "0", "--seed", "5", "--runs",
      "9", "--data", "a.json", "--data", "b.ndjson", "--apps", "apps.json", "--app-id", "app",
      "--api-key", "key", "--rate-limit", "3", "--latency-ms", "20", "--fail-rate", "0.25",
      "--fail-seed", "11", "--defect", "order-ignored", "--defect", "tenant-leak",
      "--future-flag", "x");

  @Test
  void annotationDefaults_areTheMocksDefaults_withAFreePortAndNoRateLimit() {
    assertEquals(List.of("--port", "0", "--seed", "42", "--runs", "2000", "--rate-limit", "0",
            "--latency-ms", "0", "--fail-rate", "0.0"),
        RunsMockOptions.of(Defaults.class.getAnnotation(RunsMockTest.class)).commandLine());
  }

  @Test
  void annotation_everyAttribute_becomesItsFlag() {
    assertEquals(EVERYTHING,
        RunsMockOptions.of(Everything.class.getAnnotation(RunsMockTest.class)).commandLine());
  }

  @Test
  void builder_everyOption_becomesTheSameFlagsAsTheAnnotation() {
    RunsMockOptions options = RunsMockExtension.builder().seed(5).runs(9).data("a.json", "b.ndjson")
        .apps("apps.json").tenant("app", "key").rateLimit(3).latencyMs(20).failRate(0.25)
        .failSeed(11).defects("order-ignored", "tenant-leak").args("--future-flag", "x").options();
    assertEquals(EVERYTHING, options.commandLine());
  }

  @Test
  void builder_nothingSet_equalsTheAnnotationsDefaults() {
    assertEquals(RunsMockOptions.of(Defaults.class.getAnnotation(RunsMockTest.class)),
        RunsMockExtension.builder().options());
  }
}
