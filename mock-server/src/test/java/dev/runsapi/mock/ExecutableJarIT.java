package dev.runsapi.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar run as users and the conformance suite run it: {@code java -jar}, the ready
 * line on standard output, answers, and a clean stop on SIGTERM.
 */
class ExecutableJarIT {
  private static final Pattern READY =
      Pattern.compile("^Runs mock server ready on (\\S+) app_id=(\\S+) api_key=(\\S+)"
          + "(?: other_app_id=(\\S+) other_api_key=(\\S+))?$");

  private static Process start(String... flags) throws IOException {
    Path jar = Path.of(System.getProperty("mock.jar", "target/runs-mock-server.jar"));
    assertTrue(Files.isRegularFile(jar), "the jar is built: " + jar);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(flags));
    return new ProcessBuilder(command).start();
  }

  @Test
  void jar_portZero_printsReadyLineServesAndStopsOnSigterm() throws Exception {
    Process process = start("--port", "0", "--runs", "100");
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<String> firstLine = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
          firstLine.complete(line);
        }
      } catch (IOException e) {
        // the stream closes when the process is stopped
      }
      firstLine.complete(null);
    });
    reader.start();
    try {
      String line = firstLine.get(60, TimeUnit.SECONDS);
      Matcher ready = READY.matcher(line == null ? "" : line);
      assertTrue(ready.matches(), "ready line: " + line);
      String url = ready.group(1) + "/api/v1/run?app_id=" + ready.group(2) + "&api_key=" + ready.group(3)
          + "&start_time=2024-05-01T00:00:00Z&end_time=2024-06-01T00:00:00Z&limit=1";
      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("\"total\":100"), answer.body());

      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
      int code = process.exitValue();
      assertTrue(code == 0 || code == 143, "exit code " + code);
      reader.join(10_000);
      assertEquals(List.of(line), lines, "nothing but the ready line on standard output");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void jar_unknownDefect_exits2WithOneLineOnStandardError() throws Exception {
    Process process = start("--defect", "nope");
    try {
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, process.exitValue());
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("", out);
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.contains("unknown defect \"nope\""), err);
    } finally {
      process.destroyForcibly();
    }
  }
}
