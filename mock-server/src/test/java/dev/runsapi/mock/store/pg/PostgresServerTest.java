package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.MockServerMain;
import dev.runsapi.mock.RandomQueries;
import dev.runsapi.mock.TestServers;
import dev.runsapi.mock.cli.CommandLineReader;
import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL as a user starts it: the flags and their environment forms, one-line
 * failures, what loading does at start-up, the same HTTP answers as on memory, 503 while the
 * database is down and recovery after.
 */
@ExtendWith(PostgresExtension.class)
class PostgresServerTest {
  private static final String ACME_ALL = "/api/v1/run?app_id=app-acme&api_key=key-acme-0001"
      + "&start_time=2024-01-01T00:00:00Z&end_time=2025-01-01T00:00:00Z&limit=3";

  @TempDir Path dir;

  /** Standard output and error of launches, as text. */
  private static final class Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    MockServerMain.Launch launch(Map<String, String> env, Map<Object, Object> props, String... args) {
      return MockServerMain.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), env, props);
    }

    MockServerMain.Launch launch(String... args) {
      return launch(Map.of(), Map.of(), args);
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    /** Exit code 2 and exactly one line on standard error holding every fragment, no trace. */
    void assertRefused(MockServerMain.Launch launch, String... fragments) {
      assertEquals(MockServerMain.EXIT_USAGE, launch.exitCode(), err());
      assertEquals("", out());
      assertEquals(1, err().lines().count(), err());
      assertTrue(err().startsWith("runs-mock-server: "), err());
      assertFalse(err().contains("Exception") || err().contains("\tat "), err());
      for (String fragment : fragments) {
        assertTrue(err().contains(fragment), "\"" + fragment + "\" in " + err());
      }
    }
  }

  private static long total(MockServer server, String app) {
    RunQuery all = new RunQuery(app, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null,
        List.of(), List.of(), Set.of(), null, null, 1, 0, SortOrder.DESC);
    return server.setup().store().query(app, all).total();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void help_listsTheDatabaseFlags() {
    String usage = CommandLineReader.usage();
    for (String flag : List.of("--db-url=URL", "--db-user=USER", "--db-password=PASSWORD")) {
      assertTrue(usage.contains(flag), flag + " in " + usage);
    }
  }

  @Test
  void main_unreachableDatabase_failsWithOneLineQuickly() throws IOException {
    int port = closedPort();
    Console console = new Console();
    long start = System.nanoTime();
    MockServerMain.Launch launch = console.launch("--port", "0", "--db-url",
        "jdbc:postgresql://127.0.0.1:" + port + "/runs?password=inurl", "--db-user", "u",
        "--db-password", "secret");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    console.assertRefused(launch, "cannot connect to the database jdbc:postgresql://127.0.0.1:"
        + port + "/runs (--db-url)");
    assertFalse(console.err().contains("secret") || console.err().contains("inurl"), console.err());
    assertTrue(seconds < 15, "took " + seconds + " s");
  }

  @Test
  void main_badDatabaseFlags_areUsageErrors() {
    Console noUrl = new Console();
    noUrl.assertRefused(noUrl.launch("--db-user", "u"), "--db-user and --db-password need --db-url");
    Console otherDb = new Console();
    otherDb.assertRefused(otherDb.launch("--db-url", "jdbc:mysql://127.0.0.1/runs"),
        "--db-url must be a PostgreSQL JDBC URL");
  }

  @Test
  void main_storeDefectWithDatabase_isRefused(EmbeddedPostgresServer pg) {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "defect");
    Console console = new Console();
    console.assertRefused(console.launch("--port", "0", "--db-url", db.url(), "--db-user", "postgres",
        "--defect", "tenant-leak,order-ignored"), "--defect order-ignored cannot be combined with --db-url");
  }

  @Test
  void main_environment_runsOnPostgresAndLoadsTheBuiltInDatasetOnlyIntoAnEmptyDatabase(
      EmbeddedPostgresServer pg) throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "env");
    Map<String, String> env = Map.of("RUNS_MOCK_DB_URL", db.url(), "RUNS_MOCK_DB_USER", "postgres",
        "RUNS_MOCK_DB_PASSWORD", "", "RUNS_MOCK_PORT", "0", "RUNS_MOCK_RUNS", "40");
    Console first = new Console();
    MockServerMain.Launch launch = first.launch(env, Map.of());
    try (MockServer server = launch.server()) {
      assertEquals(MockServerMain.RUNNING, launch.exitCode(), first.err());
      assertInstanceOf(PostgresRunStore.class, server.setup().store());
      assertEquals(40, total(server, "app-acme"));
      assertEquals(10, total(server, "app-globex"));
    }
    // a restart with another size serves what the database holds: no reload, no duplicates
    Map<Object, Object> props = new HashMap<>(Map.of("runs.mock.db-url", db.url(),
        "runs.mock.db-user", "postgres"));
    Console second = new Console();
    MockServerMain.Launch again = second.launch(Map.of(), props, "--port", "0", "--runs", "7");
    try (MockServer server = again.server()) {
      assertEquals(MockServerMain.RUNNING, again.exitCode(), second.err());
      assertEquals(40, total(server, "app-acme"));
    }
    assertEquals(50, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
  }

  @Test
  void main_badDataFile_leavesTheDatabaseAsItWas(EmbeddedPostgresServer pg) throws IOException, SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "badfile");
    Console console = new Console();
    try (MockServer server = console.launch("--port", "0", "--db-url", db.url(), "--db-user",
        "postgres", "--runs", "20").server()) {
      assertEquals(20, total(server, "app-acme"), console.err());
    }
    Path bad = Files.writeString(dir.resolve("bad.ndjson"), """
        {"id":"ok1","type":"tool","name":"t","createdAt":"2024-05-01T00:00:00Z","endedAt":null,"duration":null,"tokens":{"prompt":0,"completion":0,"total":0},"tags":[],"input":"i","output":null,"error":null,"user":null,"cost":0}
        {"id":"bad","type":"robot","name":"t","createdAt":"2024-05-01T00:00:00Z","endedAt":null,"duration":null,"tokens":{"prompt":0,"completion":0,"total":0},"tags":[],"input":"i","output":null,"error":null,"user":null,"cost":0}
        """);
    Console refused = new Console();
    refused.assertRefused(refused.launch("--port", "0", "--db-url", db.url(), "--db-user", "postgres",
        "--data", bad.toString()), "bad.ndjson:2 (run \"bad\")");
    assertEquals(25, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
  }

  @Test
  void http_answersAsTheServerOnMemory(EmbeddedPostgresServer pg) {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "http");
    long seed = Long.getLong("pg.http.seed", System.nanoTime());
    System.out.println("PostgreSQL HTTP seed: " + seed + " (rerun with -Dpg.http.seed=" + seed + ")");
    try (MockServer memory = TestServers.start("--runs", "400");
        MockServer postgres = TestServers.start("--runs", "400", "--db-url", db.url(), "--db-user", "postgres")) {
      RandomQueries queries = new RandomQueries(seed, RunGenerator.generate("app-acme", 42, 400));
      for (int i = 0; i < 60; i++) {
        String target = "/api/v1/run?" + RandomQueries.queryString(queries.next("app-acme", "key-acme-0001"));
        HttpResponse<String> expected = get(memory, target);
        HttpResponse<String> actual = get(postgres, target);
        assertEquals(expected.statusCode(), actual.statusCode(), target);
        assertEquals(expected.body(), actual.body(), "seed " + seed + ": " + target);
      }
      String otherTenant = ACME_ALL.replace("key-acme-0001", "key-globex-0002");
      assertEquals(403, get(postgres, otherTenant).statusCode());
    }
  }

  @Test
  void http_databaseDown_answers503AndRecovers(EmbeddedPostgresServer pg) {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "outage");
    try (MockServer server = TestServers.start("--runs", "30", "--db-url", db.url(), "--db-user", "postgres")) {
      assertEquals(200, get(server, ACME_ALL).statusCode());
      pg.stop();
      try {
        long start = System.nanoTime();
        HttpResponse<String> down = get(server, ACME_ALL);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"), down.headers().toString());
        assertEquals("1", down.headers().firstValue("retry-after").orElse(null));
        assertTrue(down.body().contains("\"status\":503") && down.body().contains("The run store is unreachable."), down.body());
        assertTrue(millis < 9000, "answered after " + millis + " ms");
      } finally {
        pg.restart();
      }
      HttpResponse<String> back = get(server, ACME_ALL);
      for (int i = 0; i < 50 && back.statusCode() != 200; i++) {
        sleep(200);
        back = get(server, ACME_ALL);
      }
      assertEquals(200, back.statusCode(), back.body());
      assertTrue(back.body().contains("\"total\":30"), back.body());
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(MockServer server, String target) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + target))
        .timeout(Duration.ofSeconds(20)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
