package dev.runsapi.mock;

import dev.runsapi.mock.cli.CommandLineReader;
import dev.runsapi.mock.config.MockSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Starts mock servers in-process on 127.0.0.1 and a free port; the caller closes them. */
public final class TestServers {
  public static final String ACME_APP = "app-acme";
  public static final String ACME_KEY = "key-acme-0001";
  public static final String GLOBEX_APP = "app-globex";
  public static final String GLOBEX_KEY = "key-globex-0002";

  private TestServers() {}

  /** A server with the given flags, plus {@code --port 0} and, unless given, no rate limit. */
  public static MockServer start(String... flags) {
    List<String> args = new ArrayList<>(List.of("--port", "0"));
    if (!Arrays.asList(flags).contains("--rate-limit")) {
      args.addAll(List.of("--rate-limit", "0"));
    }
    args.addAll(Arrays.asList(flags));
    CommandLineReader.Invocation invocation =
        CommandLineReader.read(args.toArray(String[]::new), Map.of(), Map.of());
    return MockServer.start(MockSetup.load(invocation.settings()));
  }
}
