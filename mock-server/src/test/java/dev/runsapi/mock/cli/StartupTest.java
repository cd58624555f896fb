package dev.runsapi.mock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.MockServerMain;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The main entry in-process: flags, the ready line, and one-line failures with their exit codes. */
class StartupTest {
  /** ADR 0002's ready line. */
  private static final Pattern READY =
      Pattern.compile("^Runs mock server ready on (\\S+) app_id=(\\S+) api_key=(\\S+)"
          + "(?: other_app_id=(\\S+) other_api_key=(\\S+))?$");

  @TempDir Path dir;

  /** One launch: exit code, what it printed, and the server if it runs. */
  private record Outcome(int code, String out, String err, MockServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  private static Outcome launch(Map<String, String> env, Map<Object, Object> props, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    MockServerMain.Launch launch =
        MockServerMain.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), env, props);
    return new Outcome(launch.exitCode(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), launch.server());
  }

  private static Outcome launch(String... args) {
    return launch(Map.of(), Map.of(), args);
  }

  private static void assertOneLineFailure(Outcome o, int code, String... fragments) {
    try (o) {
      assertEquals(code, o.code(), o.err());
      assertEquals("", o.out());
      assertEquals(1, o.err().lines().count(), "one line: " + o.err());
      assertTrue(o.err().startsWith("runs-mock-server: "), o.err());
      assertFalse(o.err().contains("Exception"), "no stack trace or exception name: " + o.err());
      for (String fragment : fragments) {
        assertTrue(o.err().contains(fragment), "\"" + fragment + "\" in: " + o.err());
      }
    }
  }

  private static long total(MockServer server, String app) {
    RunQuery all = new RunQuery(app, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null,
        List.of(), List.of(), Set.of(), null, null, 1, 0, SortOrder.DESC);
    return server.setup().store().query(app, all).total();
  }

  @Test
  void main_portZero_printsTheReadyLineWithTheDefaultTenants() {
    try (Outcome o = launch("--port", "0")) {
      assertEquals(MockServerMain.RUNNING, o.code(), o.err());
      assertEquals(1, o.out().lines().count(), o.out());
      Matcher m = READY.matcher(o.out().strip());
      assertTrue(m.matches(), o.out());
      assertEquals("http://127.0.0.1:" + o.server().port(), m.group(1));
      assertTrue(o.server().port() > 0);
      assertEquals(List.of("app-acme", "key-acme-0001", "app-globex", "key-globex-0002"),
          List.of(m.group(2), m.group(3), m.group(4), m.group(5)));
      assertEquals(2000, total(o.server(), "app-acme"));
      assertEquals(500, total(o.server(), "app-globex"));
    }
  }

  @Test
  void main_apiKeyAndAppId_namesOnlyThatTenant() {
    try (Outcome o = launch("--port", "0", "--api-key", "k1", "--app-id", "my-app", "--runs", "40")) {
      Matcher m = READY.matcher(o.out().strip());
      assertTrue(m.matches(), o.out());
      assertEquals("my-app", m.group(2));
      assertEquals("k1", m.group(3));
      assertEquals(null, m.group(4));
      assertEquals(40, total(o.server(), "my-app"));
    }
  }

  @Test
  void main_appsFile_namesTheFirstTwoTenants() throws IOException {
    Path apps = Files.writeString(dir.resolve("apps.json"), """
        [{"tenant": "t1", "apps": ["a1", "a1b"], "keys": ["k1"]},
         {"tenant": "t2", "apps": ["a2"], "keys": ["k2", "k2b"]}]
        """);
    try (Outcome o = launch("--port", "0", "--apps", apps.toString(), "--runs", "8")) {
      Matcher m = READY.matcher(o.out().strip());
      assertTrue(m.matches(), o.out() + o.err());
      assertEquals(List.of("a1", "k1", "a2", "k2"), List.of(m.group(2), m.group(3), m.group(4), m.group(5)));
      assertEquals(8, total(o.server(), "a1"));
      assertEquals(2, total(o.server(), "a1b"));
    }
  }

  @Test
  void main_environmentAndSystemProperties_setFlagsAndTheCommandLineWins() {
    Map<String, String> env = Map.of("RUNS_MOCK_RUNS", "12", "RUNS_MOCK_PORT", "0");
    Map<Object, Object> props = new HashMap<>(Map.of("runs.mock.defect", "order-ignored,tenant-leak"));
    try (Outcome o = launch(env, props)) {
      assertEquals(MockServerMain.RUNNING, o.code(), o.err());
      assertEquals(12, total(o.server(), "app-acme"));
      assertTrue(o.server().setup().defects().has(Defect.TENANT_LEAK));
      assertTrue(o.server().setup().defects().has(Defect.ORDER_IGNORED));
    }
    try (Outcome o = launch(env, props, "--runs", "3")) {
      assertEquals(3, total(o.server(), "app-acme"));
    }
  }

  @Test
  void main_dataFiles_replaceTheBuiltInDataset() throws IOException {
    Path array = Files.writeString(dir.resolve("runs.json"), "[\n" + run("r1", "app-acme") + ",\n"
        + run("r2", "app-globex") + "\n]\n");
    Path ndjson = Files.writeString(dir.resolve("runs.ndjson"), run("r3", "app-acme") + "\n\n"
        + run("r1", "app-globex") + "\n");
    try (Outcome o = launch("--port", "0", "--data", array.toString(), "--data", ndjson.toString())) {
      assertEquals(MockServerMain.RUNNING, o.code(), o.err());
      assertEquals(2, total(o.server(), "app-acme"));
      assertEquals(2, total(o.server(), "app-globex"));
    }
  }

  @Test
  void help_listsEveryFlagWithItsDefaultAndEveryDefectWithItsRule() {
    Outcome o = launch("--help");
    assertEquals(0, o.code());
    for (String flag : List.of("--port", "--seed", "--runs", "--data", "--apps", "--api-key",
        "--app-id", "--text-size", "--rate-limit", "--latency-ms", "--fail-rate", "--fail-seed", "--defect", "--help")) {
      assertTrue(o.out().contains(flag), flag);
    }
    assertTrue(o.out().contains("Default: 8080"));
    assertTrue(o.out().contains("Default: 30"));
    assertTrue(o.out().contains("RUNS_MOCK_"));
    for (Defect defect : Defect.values()) {
      assertTrue(o.out().contains(defect.cliName() + " ") && o.out().contains(defect.rule()), defect.cliName());
    }
  }

  /** True when the server's port is taken on 127.0.0.2 too, i.e. it listens beyond 127.0.0.1 (nothing is sent). */
  private static boolean portTakenOnAnotherLoopbackAddress(MockServer server) throws IOException {
    try (ServerSocket probe = new ServerSocket(server.port(), 1, InetAddress.getByName("127.0.0.2"))) {
      return false;
    } catch (BindException e) {
      return true;
    }
  }

  private static int health(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/health").toURL().openConnection();
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  @Test
  void main_defaultHost_listensOnLoopbackOnlyAndSaysNothingOnStandardError() throws IOException {
    try (Outcome o = launch("--port", "0")) {
      assertEquals("", o.err());
      assertFalse(portTakenOnAnotherLoopbackAddress(o.server()));
    }
  }

  @Test
  void main_hostWildcard_readyLineNames127001AndWarnsAboutTheBuiltInKeys() throws IOException {
    try (Outcome o = launch("--port", "0", "--host", "0.0.0.0")) {
      assertEquals(MockServerMain.RUNNING, o.code(), o.err());
      Matcher m = READY.matcher(o.out().strip());
      assertTrue(m.matches(), o.out());
      assertEquals("http://127.0.0.1:" + o.server().port(), m.group(1));
      assertEquals(200, health(m.group(1)));
      assertTrue(portTakenOnAnotherLoopbackAddress(o.server()), "bound to every interface");
      List<String> err = o.err().lines().toList();
      assertEquals(2, err.size(), o.err());
      assertTrue(err.get(0).contains("listening on all interfaces (0.0.0.0:" + o.server().port() + ")"), o.err());
      assertTrue(err.get(1).startsWith("runs-mock-server: WARNING: listening beyond loopback"), o.err());
      assertTrue(err.get(1).contains("--apps"), o.err());
    }
  }

  @Test
  void main_hostWildcardFromEnvironmentWithOwnKeys_saysWhereButDoesNotWarn() throws IOException {
    Map<String, String> env = Map.of("RUNS_MOCK_HOST", "0.0.0.0", "RUNS_MOCK_PORT", "0");
    try (Outcome o = launch(env, Map.of(), "--api-key", "k1", "--app-id", "a1", "--runs", "4")) {
      assertEquals(MockServerMain.RUNNING, o.code(), o.err());
      assertTrue(o.out().startsWith("Runs mock server ready on http://127.0.0.1:" + o.server().port() + " "), o.out());
      assertTrue(o.err().contains("listening on all interfaces"), o.err());
      assertFalse(o.err().contains("WARNING"), o.err());
      assertTrue(portTakenOnAnotherLoopbackAddress(o.server()));
    }
  }

  @Test
  void main_hostProperty_listensWhereItSays() throws IOException {
    try (Outcome o = launch(Map.of(), new HashMap<>(Map.of("runs.mock.host", "0.0.0.0")), "--port", "0")) {
      assertTrue(o.out().startsWith("Runs mock server ready on http://127.0.0.1:"), o.out());
      assertEquals(200, health(o.server().url()));
      assertTrue(portTakenOnAnotherLoopbackAddress(o.server()));
      assertTrue(o.err().contains("WARNING"), o.err());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--nope | Unknown option",
        "--port abc | --port",
        "--port 70000 | --port must be from 0 to 65535",
        "--rate-limit -1 | --rate-limit must not be negative",
        "--latency-ms -5 | --latency-ms must not be negative",
        "--fail-rate 1.5 | --fail-rate must be from 0 to 1",
        "--runs -3 | --runs must not be negative",
        "--host example.com | --host must be an IP address",
        "--host 256.0.0.1 | --host must be an IP address",
        "--text-size -1 | --text-size must be from 0 to",
        "--text-size 100 --data x.ndjson | --text-size sizes the built-in dataset",
        "--defect nope | unknown defect \"nope\"",
        "--api-key k | --api-key and --app-id go together",
        "--apps x.json --api-key k --app-id a | either --apps or --api-key",
      })
  void main_badUsage_exits2WithOneLine(String args, String fragment) {
    assertOneLineFailure(launch(args.split(" ")), MockServerMain.EXIT_USAGE, fragment);
  }

  @Test
  void main_unreadableDataFile_exits2NamingTheFile() {
    assertOneLineFailure(launch("--port", "0", "--data", dir.resolve("missing.json").toString()),
        2, "missing.json");
  }

  @Test
  void main_runBreakingTheSchema_exits2NamingFileLineAndField() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.ndjson"),
        run("r1", "app-acme") + "\n" + run("r2", "app-acme").replace("\"tool\"", "\"robot\"") + "\n");
    assertOneLineFailure(launch("--port", "0", "--data", file.toString()), 2, "bad.ndjson:2", "\"type\"", "r2");
  }

  @Test
  void main_runWithWrongDuration_exits2() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"),
        "[\n" + run("r1", "app-acme").replace("\"duration\":1.5", "\"duration\":2") + "\n]");
    assertOneLineFailure(launch("--port", "0", "--data", file.toString()), 2, "bad.json:2", "duration");
  }

  @Test
  void main_invalidJson_exits2NamingTheLine() throws IOException {
    Path file = Files.writeString(dir.resolve("broken.json"), "[\n" + run("r1", "app-acme") + ",\n{oops\n]");
    assertOneLineFailure(launch("--port", "0", "--data", file.toString()), 2, "broken.json:3");
  }

  @Test
  void main_duplicateRunIds_exits2NamingBothPlaces() throws IOException {
    Path a = Files.writeString(dir.resolve("a.ndjson"), run("same", "app-acme") + "\n");
    Path b = Files.writeString(dir.resolve("b.ndjson"), "\n" + run("same", "app-acme") + "\n");
    assertOneLineFailure(launch("--port", "0", "--data", a.toString(), "--data", b.toString()), 2,
        "duplicate run id \"same\"", "b.ndjson:2", "a.ndjson:1");
  }

  @Test
  void main_runOfAnUnknownApp_exits2() throws IOException {
    Path file = Files.writeString(dir.resolve("x.ndjson"), run("r1", "app-nobody") + "\n");
    assertOneLineFailure(launch("--port", "0", "--data", file.toString()), 2, "x.ndjson:1", "app-nobody");
  }

  @Test
  void main_appsFileWithASharedKey_exits2() throws IOException {
    Path apps = Files.writeString(dir.resolve("apps.json"), """
        [{"tenant": "t1", "apps": ["a1"], "keys": ["k"]}, {"tenant": "t2", "apps": ["a2"], "keys": ["k"]}]
        """);
    assertOneLineFailure(launch("--port", "0", "--apps", apps.toString()), 2, "apps.json", "\"k\" is given twice");
  }

  @Test
  void main_portInUse_exits1WithOneLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Outcome o = launch("--port", Integer.toString(taken.getLocalPort()), "--runs", "5");
      assertOneLineFailure(o, MockServerMain.EXIT_START_FAILED, "port", "in use");
    }
  }

  @Test
  void main_sameSeed_sameDataset() {
    try (Outcome a = launch("--port", "0", "--seed", "9", "--runs", "50");
        Outcome b = launch("--port", "0", "--seed", "9", "--runs", "50");
        Outcome c = launch("--port", "0", "--seed", "10", "--runs", "50")) {
      assertNotNull(a.server());
      assertEquals(runs(a), runs(b));
      assertFalse(runs(a).equals(runs(c)));
    }
  }

  private static Object runs(Outcome o) {
    return ((dev.runsapi.mock.store.InMemoryRunStore) o.server().setup().store()).runsOf("app-acme");
  }

  /** A valid run as one line of JSON. */
  static String run(String id, String app) {
    return """
        {"appId":"%s","id":"%s","type":"tool","name":"web-search","createdAt":"2024-05-01T12:00:00.000Z",\
        "endedAt":"2024-05-01T12:00:01.500Z","duration":1.5,"tokens":{"prompt":0,"completion":0,"total":0},\
        "tags":["beta"],"input":"q","output":"a","error":null,"user":null,"cost":0}"""
        .formatted(app, id);
  }
}
