package dev.runsapi.mock;

import dev.runsapi.mock.cli.CommandLineReader;
import dev.runsapi.mock.cli.UsageException;
import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.MockSetup;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar runs-mock-server.jar [flags]}: reads and checks the whole configuration, and
 * only then starts Spring, so that bad usage or configuration ends with one line and exit code 2.
 */
public final class MockServerMain {
  /** Exit codes. */
  public static final int EXIT_OK = 0;

  public static final int EXIT_START_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  /** Returned by {@link #run} while the server runs (the JVM then lives on its server threads). */
  public static final int RUNNING = -1;

  private static final String NAME = "runs-mock-server";

  /** Present when the build generated the application context ahead of time (process-aot). */
  private static final String AOT_MARKER =
      "dev/runsapi/mock/MockServerMain__ApplicationContextInitializer.class";

  private MockServerMain() {}

  public static void main(String[] args) {
    ClassWarmer.start();
    if (MockServerMain.class.getClassLoader().getResource(AOT_MARKER) != null
        && !Boolean.getBoolean("spring.aot.processing")
        && System.getProperty("spring.aot.enabled") == null) {
      System.setProperty("spring.aot.enabled", "true");
    }
    int code = run(args, System.out, System.err, System.getenv(), System.getProperties());
    if (code != RUNNING) {
      System.exit(code);
    }
  }

  /** Runs the command line; prints the ready line to {@code out}, any failure as one line to {@code err}. */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Map<Object, Object> properties) {
    return launch(args, out, err, env, properties).exitCode();
  }

  /**
   * What a launch came to: an exit code, or {@link #RUNNING} and the running server (which the
   * caller closes).
   */
  public record Launch(int exitCode, MockServer server) {}

  public static Launch launch(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Map<Object, Object> properties) {
    try {
      CommandLineReader.Invocation invocation = CommandLineReader.read(args, env, properties);
      if (invocation.text() != null) {
        out.print(invocation.text());
        out.flush();
        return new Launch(EXIT_OK, null);
      }
      MockSetup setup = MockSetup.begin(invocation.settings());
      MockServer server = MockServer.start(setup);
      for (String notice : server.notices()) {
        err.println(NAME + ": " + notice);
      }
      out.println(server.readyLine());
      out.flush();
      return new Launch(RUNNING, server);
    } catch (UsageException | ConfigException e) {
      err.println(NAME + ": " + e.getMessage());
      return new Launch(EXIT_USAGE, null);
    } catch (MockServer.StartFailure e) {
      err.println(NAME + ": " + e.getMessage());
      return new Launch(EXIT_START_FAILED, null);
    }
  }
}
