package dev.runsapi.mock.junit;

import java.util.ArrayList;
import java.util.List;

/** One mock's options, from {@link RunsMockTest} or {@link RunsMockExtension.Builder}, as its command line. */
record RunsMockOptions(
    long seed,
    int runs,
    List<String> data,
    String apps,
    String appId,
    String apiKey,
    int rateLimit,
    long latencyMs,
    double failRate,
    Long failSeed,
    List<String> defects,
    List<String> args) {

  static final RunsMockOptions DEFAULTS =
      new RunsMockOptions(42, 2000, List.of(), null, null, null, 0, 0, 0, null, List.of(), List.of());

  RunsMockOptions {
    data = List.copyOf(data);
    defects = List.copyOf(defects);
    args = List.copyOf(args);
  }

  static RunsMockOptions of(RunsMockTest a) {
    return new RunsMockOptions(a.seed(), a.runs(), List.of(a.data()), blankToNull(a.apps()),
        blankToNull(a.appId()), blankToNull(a.apiKey()), a.rateLimit(), a.latencyMs(), a.failRate(),
        a.failSeed() == RunsMockTest.SAME_AS_SEED ? null : a.failSeed(), List.of(a.defects()),
        List.of(a.args()));
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /**
   * The mock's command line for these options: a free port first, then every option. The mock's
   * own parser checks them, so a bad value fails the same way as on the command line.
   */
  List<String> commandLine() {
    List<String> line = new ArrayList<>(List.of("--port", "0"));
    add(line, "--seed", Long.toString(seed));
    add(line, "--runs", Integer.toString(runs));
    data.forEach(file -> add(line, "--data", file));
    add(line, "--apps", apps);
    add(line, "--app-id", appId);
    add(line, "--api-key", apiKey);
    add(line, "--rate-limit", Integer.toString(rateLimit));
    add(line, "--latency-ms", Long.toString(latencyMs));
    add(line, "--fail-rate", Double.toString(failRate));
    add(line, "--fail-seed", failSeed == null ? null : Long.toString(failSeed));
    defects.forEach(defect -> add(line, "--defect", defect));
    // Live mode (issue 12) is a flag the mock does not have yet: until it gets its own option
    // here, it goes through args like any other flag.
    line.addAll(args);
    return line;
  }

  private static void add(List<String> line, String flag, String value) {
    if (value != null) {
      line.add(flag);
      line.add(value);
    }
  }
}
