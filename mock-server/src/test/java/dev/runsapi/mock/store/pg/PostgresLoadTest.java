package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.config.Tenants;
import dev.runsapi.mock.data.RunFiles;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import dev.runsapi.mock.store.StoredRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading: one transaction per load, no duplicates on a second load, data kept across restarts. */
@ExtendWith(PostgresExtension.class)
class PostgresLoadTest {
  private static final String APP = "app-acme";
  private static final List<String> APPS = List.of("app-acme", "app-globex");

  @TempDir Path dir;

  private static String run(String id, String input) {
    return "{\"id\":\"" + id + "\",\"type\":\"tool\",\"name\":\"web-search\","
        + "\"createdAt\":\"2024-05-01T12:00:00.000Z\",\"endedAt\":\"2024-05-01T12:00:01.500Z\","
        + "\"duration\":1.5,\"tokens\":{\"prompt\":0,\"completion\":0,\"total\":0},"
        + "\"tags\":[\"beta\",\"a \\\"quoted\\\" {tag}\"],\"input\":" + input + ",\"output\":\"a\\tb\\\\c\\nd\","
        + "\"error\":null,\"user\":{\"id\":\"u1\",\"createdAt\":\"2024-01-01T00:00:00Z\","
        + "\"lastSeen\":\"2024-05-01T00:00:00Z\",\"props\":{\"z\":1,\"a\":[1.50,null,true]}},\"cost\":0}";
  }

  private Path file(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static List<StoredRun> all(PostgresRunStore store, String app) {
    RunQuery query = new RunQuery(app, Instant.parse("-0100-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59Z"), null, List.of(), List.of(), Set.of(), null, null,
        1000, 0, SortOrder.ASC);
    return store.query(app, query).runs();
  }

  @Test
  void load_sameFileTwice_addsItsRunsOnce(EmbeddedPostgresServer pg) throws IOException, SQLException {
    Path data = file("runs.ndjson", run("r1", "\"q1\""), run("r2", "\"q2\""), run("r3", "\"q3\""));
    List<StoredRun> runs = RunFiles.load(List.of(data), Tenants.DEFAULT);
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "twice");
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      assertEquals(new PostgresRunLoader.Result(3, 0), store.load(runs));
      assertEquals(new PostgresRunLoader.Result(0, 3),
          store.load(RunFiles.load(List.of(data), Tenants.DEFAULT)));
      assertEquals(3, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
      assertEquals(PgTestSupport.comparable(runs), PgTestSupport.comparable(all(store, APP)),
          "tabs, newlines, backslashes, quotes in tags and user props survive COPY");
    }
  }

  @Test
  void load_aRunPostgresCannotHold_leavesNothingOfThatLoad(EmbeddedPostgresServer pg)
      throws IOException, SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "rollback");
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      store.load(RunFiles.load(List.of(file("first.ndjson", run("a1", "\"x\""), run("a2", "\"y\""))),
          Tenants.DEFAULT));
      // valid JSON and a valid run, but PostgreSQL text cannot hold U+0000: found mid-COPY
      Path second = file("second.ndjson", run("b1", "\"ok\""), run("b2", "\"ok\""),
          run("b3", "\"nul \\u0000 here\""), run("b4", "\"ok\""));
      List<StoredRun> runs = RunFiles.load(List.of(second), Tenants.DEFAULT);
      ConfigException e = assertThrows(ConfigException.class, () -> store.load(runs));
      assertTrue(e.getMessage().contains("run \"b3\" of app \"app-acme\""), e.getMessage());
      assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
      assertEquals(List.of("a1", "a2"), all(store, APP).stream().map(StoredRun::id).toList());
      assertEquals(2, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
    }
  }

  /** Into the empty table (COPY straight into runs) and beside runs there (the staging table). */
  @ParameterizedTest(name = "{0} runs there before")
  @ValueSource(ints = {0, 5})
  void load_aRowTheDatabaseRefuses_namesItAndLeavesNothing(int before, EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "refused");
    List<StoredRun> runs = new ArrayList<>(RunGenerator.generate(APP, 3, 50));
    List<StoredRun> earlier = RunGenerator.generate("app-globex", 8, before);
    StoredRun good = runs.get(40);
    // a name is NOT NULL in the table: COPY itself refuses the 41st line
    runs.set(40, new StoredRun(good.appId(), good.sequence(), good.id(), good.type(), null,
        good.createdAt(), good.endedAt(), good.promptTokens(), good.completionTokens(), good.tags(),
        good.input(), good.output(), good.error(), good.user(), good.cost()));
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      if (before > 0) {
        store.load(earlier);
      }
      List<String> indexes = PgTestSupport.indexes(db);
      ConfigException e = assertThrows(ConfigException.class, () -> store.load(runs));
      assertTrue(e.getMessage().contains("run \"" + good.id() + "\" of app \"app-acme\""), e.getMessage());
      assertTrue(e.getMessage().contains("nothing of this load was stored"), e.getMessage());
      assertEquals(before, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
      assertEquals(List.of(), all(store, APP));
      // the load into the empty table dropped the indexes to build them afterwards: they are back
      assertEquals(indexes, PgTestSupport.indexes(db));
    }
  }

  @Test
  void load_intoAnEmptyTable_buildsTheSameIndexesAgain(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "bulk");
    List<StoredRun> runs = RunGenerator.generate(APP, 9, 2000);
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      List<String> indexes = PgTestSupport.indexes(db);
      assertEquals(6, indexes.size(), indexes.toString()); // the key, the window, tags, 3 x search
      assertEquals(new PostgresRunLoader.Result(2000, 0), store.load(runs));
      assertEquals(indexes, PgTestSupport.indexes(db));
      assertEquals(0, PgTestSupport.count(db, "SELECT COUNT(*) FROM pg_index"
          + " WHERE indrelid = 'runs'::regclass AND NOT (indisvalid AND indisready)"));
      assertTrue(PgTestSupport.count(db, "SELECT COUNT(*) FROM pg_stats WHERE tablename = 'runs'") > 0,
          "the load analyzed the table");
      // the second load goes beside the first: nothing added twice
      assertEquals(new PostgresRunLoader.Result(0, 2000), store.load(runs));
      assertEquals(2000, PgTestSupport.count(db, "SELECT COUNT(*) FROM runs"));
    }
  }

  /**
   * A million runs keep the server silent for longer than the pool's socket timeout (30 s) while
   * it builds indexes or inserts; the load must not take that silence for a dead server. Here the
   * timeout is 2 s and a trigger makes each load's write statement sleep 3 s.
   */
  @Test
  void load_silentForLongerThanTheSocketTimeout_completes(EmbeddedPostgresServer pg) throws SQLException {
    DatabaseSettings plain = PgTestSupport.newDatabase(pg, "silent");
    DatabaseSettings db = new DatabaseSettings(plain.url() + "?socketTimeout=2", plain.user(), null);
    List<StoredRun> runs = RunGenerator.generate(APP, 4, 30);
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      PgTestSupport.execute(plain, "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS"
          + " $$BEGIN PERFORM pg_sleep(3); RETURN NULL; END$$;"
          + " CREATE TRIGGER slow BEFORE INSERT ON runs FOR EACH STATEMENT EXECUTE FUNCTION slow()");
      assertEquals(new PostgresRunLoader.Result(20, 0), store.load(runs.subList(0, 20))); // into the empty table
      assertEquals(new PostgresRunLoader.Result(10, 20), store.load(runs)); // beside the runs there
      assertEquals(30, all(store, APP).size());
    }
  }

  /** A session holding the empty table: the load does not wait for it, it takes the staging way. */
  @Test
  @Timeout(60) // a loader that waited for the table would wait for ever
  void load_intoAnEmptyTableSomeoneHolds_goesThroughTheStagingTable(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "held");
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS);
        Connection holder = DriverManager.getConnection(db.url(), db.user(), "")) {
      List<String> indexes = PgTestSupport.indexes(db);
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT COUNT(*) FROM runs"); // holds ACCESS SHARE until its transaction ends
      }
      assertEquals(new PostgresRunLoader.Result(40, 0), store.load(RunGenerator.generate(APP, 6, 40)));
      assertEquals(indexes, PgTestSupport.indexes(db));
      holder.rollback();
      assertEquals(40, all(store, APP).size());
    }
  }

  /** A role that may insert but does not own the table cannot drop its indexes: staging again. */
  @Test
  void load_byARoleThatDoesNotOwnTheTable_goesThroughTheStagingTable(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings owner = PgTestSupport.newDatabase(pg, "notowner");
    try (PostgresRunStore migrated = PostgresRunStore.open(owner, APPS)) {
      // roles belong to the server: named after the test's own database
      String role = owner.url().substring(owner.url().lastIndexOf('/') + 1) + "_loader";
      PgTestSupport.execute(owner, "CREATE ROLE " + role + " LOGIN");
      PgTestSupport.execute(owner, "GRANT SELECT, INSERT ON runs, flyway_schema_history TO " + role);
      owner = new DatabaseSettings(owner.url(), role, null);
    }
    DatabaseSettings db = owner;
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      List<String> indexes = PgTestSupport.indexes(db);
      assertEquals(new PostgresRunLoader.Result(30, 0), store.load(RunGenerator.generate(APP, 7, 30)));
      assertEquals(indexes, PgTestSupport.indexes(db));
      assertEquals(30, all(store, APP).size());
    }
  }

  @Test
  void loadIfEmpty_loadsOnlyIntoAnEmptyTable_andAsksForTheRunsOnlyThen(EmbeddedPostgresServer pg) {
    try (PostgresRunStore store = PostgresRunStore.open(PgTestSupport.newDatabase(pg, "ifempty"), APPS)) {
      List<StoredRun> runs = RunGenerator.generate(APP, 5, 25);
      assertEquals(Optional.of(new PostgresRunLoader.Result(25, 0)), store.loadIfEmpty(() -> runs));
      assertEquals(Optional.empty(), store.loadIfEmpty(() -> {
        throw new AssertionError("the runs were asked for although the table held runs");
      }));
      assertEquals(25, all(store, APP).size());
    }
  }

  @Test
  void open_again_keepsTheRunsOfEarlierLoads(EmbeddedPostgresServer pg) {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "restart");
    List<StoredRun> runs = RunGenerator.generate(APP, 11, 300);
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      assertTrue(store.isEmpty());
      store.load(runs);
    }
    try (PostgresRunStore again = PostgresRunStore.open(db, APPS)) {
      assertFalse(again.isEmpty());
      List<StoredRun> sorted = new ArrayList<>(runs);
      sorted.sort(dev.runsapi.mock.store.InMemoryRunStore.CONTRACT_ORDER);
      assertEquals(PgTestSupport.comparable(sorted), PgTestSupport.comparable(all(again, APP)));
      assertEquals(List.of(), all(again, "app-globex"));
    }
  }

  @Test
  void load_timesBeforeYearOne_comeBackTheSame(EmbeddedPostgresServer pg) {
    StoredRun template = RunGenerator.generate(APP, 5, 1).get(0);
    Instant ancient = Instant.parse("0000-02-29T23:59:59.999Z");
    StoredRun old = new StoredRun(APP, 0, "old", template.type(), template.name(), ancient,
        ancient.plusMillis(1500), 1, 2, List.of(), "in", null, null, null, template.cost());
    try (PostgresRunStore store = PostgresRunStore.open(PgTestSupport.newDatabase(pg, "ancient"), APPS)) {
      store.load(List.of(old));
      assertEquals(List.of(old), all(store, APP));
    }
  }

  @Test
  void load_millisecondTimesAcrossTheYears_comeBackTheSame(EmbeddedPostgresServer pg) {
    long seed = Long.getLong("pg.times.seed", 23L);
    SplittableRandom random = new SplittableRandom(seed);
    StoredRun template = RunGenerator.generate(APP, 5, 1).get(0);
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-30T00:00:00Z").getEpochSecond();
    List<StoredRun> runs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // runs hold millisecond instants; every other one a whole second
      Instant created = Instant.ofEpochSecond(random.nextLong(min, max), i % 2 * random.nextInt(1000) * 1_000_000);
      runs.add(new StoredRun(APP, i, "t" + i, template.type(), template.name(), created,
          created.plusMillis(random.nextLong(86_400_000)), 1, 2, List.of(), "in",
          null, null, null, template.cost()));
    }
    try (PostgresRunStore store = PostgresRunStore.open(PgTestSupport.newDatabase(pg, "times"), APPS)) {
      store.load(runs);
      List<StoredRun> sorted = new ArrayList<>(runs);
      sorted.sort(dev.runsapi.mock.store.InMemoryRunStore.CONTRACT_ORDER);
      List<StoredRun> back = all(store, APP);
      assertEquals(sorted.size(), back.size(), "seed " + seed);
      for (int i = 0; i < sorted.size(); i++) {
        assertEquals(sorted.get(i), back.get(i), "seed " + seed + ", run " + i);
      }
    }
  }

  @Test
  void explain_showsThePlansOfThePageAndTheCountTheStoreSends(EmbeddedPostgresServer pg) {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "explain");
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      store.load(RunGenerator.generate(APP, 7, 50));
      RunQuery query = new RunQuery(APP, RunGenerator.EPOCH, Instant.parse("2024-06-01T00:00:00Z"), "a",
          List.of(), List.of("beta"), Set.of(), null, null, 10, 2, SortOrder.DESC);
      String plans = store.explain(APP, query);
      assertTrue(plans.startsWith("-- page: SELECT "), plans);
      assertTrue(plans.contains("ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"), plans);
      assertTrue(plans.contains("-- count: SELECT COUNT(*) FROM runs WHERE app_id = ?"), plans);
      assertTrue(plans.contains("tags && ?") && plans.contains("input_lower LIKE ?"), plans);
      assertEquals(2, plans.lines().filter(l -> l.startsWith("Execution Time:")).count(),
          "both were run (ANALYZE)\n" + plans);
      assertTrue(plans.contains("Buffers:"), plans);
    }
  }
}
