package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.data.RunGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6: "a load killed half-way leaves the database as it was before that load". The packaged
 * server is started on a database that holds runs already (the load goes through a staging table)
 * or none (the load drops the secondary indexes and copies straight into {@code runs}), with a
 * data file big enough that its COPY is seen running; then it is killed (SIGKILL, no shutdown
 * hook), and the database must hold exactly what it held before, indexes included. A loader that
 * committed in parts (COPY in batches, say, or the index drops on their own) would leave some of
 * the load behind.
 */
@ExtendWith(PostgresExtension.class)
class KilledLoadIT {
  private static final String LINE = "{\"appId\":\"app-acme\",\"id\":\"big-%07d\",\"type\":\"llm\","
      + "\"name\":\"gpt-4o\",\"createdAt\":\"2024-05-02T%02d:%02d:%02d.%03dZ\",\"endedAt\":null,"
      + "\"duration\":null,\"tokens\":{\"prompt\":1,\"completion\":0,\"total\":1},\"tags\":[\"bulk\"],"
      + "\"input\":\"%s\",\"output\":null,\"error\":null,\"user\":null,\"cost\":0}\n";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} runs there before")
  @ValueSource(ints = {50, 0})
  void load_killedDuringCopy_leavesTheDatabaseAsItWas(int before, EmbeddedPostgresServer pg)
      throws Exception {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "killed");
    try (PostgresRunStore store = PostgresRunStore.open(db, List.of("app-acme"))) {
      if (before > 0) {
        store.load(RunGenerator.generate("app-acme", 7, before));
      }
    }
    assertEquals(before, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
    List<String> indexes = PgTestSupport.indexes(db);
    String counts = "SELECT COALESCE(SUM(runs), 0) FROM run_counts";
    assertEquals(before, PgTestSupport.count(db, counts));

    Path file = dir.resolve("big.ndjson");
    String filler = "x".repeat(200);
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < 200_000; i++) {
        int ms = i % 86_400_000;
        out.write(String.format(LINE, i, ms / 3_600_000 % 24, ms / 60_000 % 60, ms / 1000 % 60,
            i % 1000, filler));
      }
    }
    Path jar = Path.of(System.getProperty("mock.jar", "target/runs-mock-server.jar"));
    assertTrue(Files.isRegularFile(jar), "the jar is built: " + jar);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "--port", "0", "--db-url", db.url(), "--db-user", db.user(), "--data", file.toString()));
    Process server = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    try {
      boolean copying = false;
      for (int i = 0; i < 3000 && !copying && server.isAlive(); i++) { // at most 60 s
        copying = PgTestSupport.count(db, "SELECT COUNT(*) FROM pg_stat_activity"
            + " WHERE state = 'active' AND query LIKE 'COPY %'") > 0;
        if (!copying) {
          Thread.sleep(20);
        }
      }
      assertTrue(copying, "the server's COPY was never seen running; server log:\n"
          + Files.readString(dir.resolve("server.log")));
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
    // PostgreSQL ends the dead client's transaction once it sees the connection gone
    for (int i = 0; i < 500 && otherSessions(db) > 0; i++) {
      Thread.sleep(20);
    }
    assertEquals(0, otherSessions(db), "the killed server's session is still open");
    assertEquals(before, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
    assertEquals(0, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs WHERE id LIKE 'big-%'"));
    assertEquals(indexes, PgTestSupport.indexes(db));
    assertEquals(before, PgTestSupport.count(db, counts)); // the per-day counts too
  }

  /** Sessions on the test's database other than the one asking. */
  private static long otherSessions(DatabaseSettings db) throws SQLException, IOException {
    return PgTestSupport.count(db, "SELECT COUNT(*) FROM pg_stat_activity"
        + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
}
