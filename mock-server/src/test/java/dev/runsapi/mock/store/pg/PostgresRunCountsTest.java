package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import dev.runsapi.mock.store.InMemoryRunStore;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * run_counts, the per-day counts a window's total is summed from: after every kind of write they
 * equal the groups of the runs in {@code runs}, and totals summed from them equal the in-memory
 * store's at the edges the days make (bounds on, beside and between midnights, runs created exactly
 * at midnight, windows inside one day and across a month's end, every filter combination).
 */
@ExtendWith(PostgresExtension.class)
class PostgresRunCountsTest {
  private static final String APP = "app-acme";
  private static final String OTHER = "app-other";
  private static final List<String> APPS = List.of(APP, OTHER);
  private static final long DAY = 86_400_000L;

  @Test
  void load_emptyThenBeside_countsEqualTheGroupsOfTheLoadedRuns(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "counts");
    List<StoredRun> first = new ArrayList<>(RunGenerator.generate(APP, 5, 800));
    first.addAll(RunGenerator.generate(OTHER, 5, 200));
    List<StoredRun> second = new ArrayList<>(first.subList(500, 1000)); // half there already
    second.addAll(RunGenerator.generate(APP, 6, 300).stream()
        .map(r -> rename(r, "second-" + r.id())).toList());
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      store.load(first); // into the empty table
      assertEquals(groups(first), counts(db));
      assertEquals(new PostgresRunLoader.Result(300, 500), store.load(second)); // beside
      List<StoredRun> all = new ArrayList<>(first);
      all.addAll(second.subList(500, 800));
      assertEquals(groups(all), counts(db));
    }
  }

  /** A database an older mock made and filled (schema version 1, no run_counts) gets them built. */
  @Test
  void open_databaseOfAnOlderMock_buildsTheCountsOfTheRunsThere(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "older");
    PGSimpleDataSource old = new PGSimpleDataSource();
    old.setURL(db.url());
    old.setUser(db.user());
    Flyway.configure().dataSource(old).locations("classpath:db/migration").target("1").load()
        .migrate();
    List<StoredRun> runs = RunGenerator.generate(APP, 8, 700);
    PostgresRunLoader.load(old, runs);
    assertEquals(0, PgTestSupport.count(db, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'run_counts'"));
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      assertEquals(groups(runs), counts(db));
      RunQuery month = query(APP, Instant.parse("2024-05-01T00:00:00Z"),
          Instant.parse("2024-06-01T00:00:00Z"), Set.of(), List.of(), List.of());
      assertEquals(700, store.query(APP, month).total());
    }
  }

  /** Writers other than the loader (an older mock, a hand-written statement) keep them too. */
  @Test
  void writesOutsideTheLoader_keepTheCountsEqualToTheRuns(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "writes");
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      store.load(RunGenerator.generate(APP, 9, 400));
      PgTestSupport.execute(db, "INSERT INTO runs SELECT 'app-other', 'copy-' || id, seq, type, name,"
          + " created_at, ended_at, duration_ms, prompt_tokens, completion_tokens, tags, input,"
          + " output, error, input_lower, output_lower, error_lower, user_id, user_created_at,"
          + " user_last_seen, user_props, cost FROM runs WHERE seq % 3 = 0");
      assertEquals(sqlGroups(db), counts(db));
      PgTestSupport.execute(db, "DELETE FROM runs WHERE seq % 5 = 0");
      assertEquals(sqlGroups(db), counts(db));
      PgTestSupport.execute(db, "UPDATE runs SET created_at = created_at + INTERVAL '13 hours',"
          + " ended_at = ended_at + INTERVAL '13 hours', tags = ARRAY['moved'] || tags,"
          + " name = name || '-x' WHERE seq % 7 = 0");
      assertEquals(sqlGroups(db), counts(db));
      PgTestSupport.execute(db, "TRUNCATE runs");
      assertEquals(Map.of(), counts(db));
      assertTrue(store.isEmpty());
    }
  }

  @Test
  void query_windowsAtTheEdgesOfDays_totalAsTheInMemoryStore(EmbeddedPostgresServer pg) {
    long seed = Long.getLong("pg.query.seed", System.nanoTime());
    System.out.println("run_counts edge seed: " + seed + " (rerun with -Dpg.query.seed=" + seed + ")");
    Random random = new Random(seed);
    Instant from = Instant.parse("2024-04-28T00:00:00Z");
    int days = 6; // 28 April to 3 May: a month's end inside
    List<StoredRun> runs = new ArrayList<>();
    for (String app : APPS) {
      for (StoredRun run : RunGenerator.generate(app, seed, app.equals(APP) ? 1500 : 300)) {
        runs.add(at(run, edgeInstant(random, from, days)));
      }
    }
    List<String> names = runs.stream().map(StoredRun::name).distinct().sorted().toList();
    List<String> tags = List.of("production", "staging", "beta", "Beta", "eval", "canary",
        "high priority", "nope");
    List<String> types = List.of("llm", "tool", "chain", "agent");
    InMemoryRunStore memory = new InMemoryRunStore(runs, APPS, Defects.none());
    try (PostgresRunStore postgres = PostgresRunStore.open(PgTestSupport.newDatabase(pg, "edges"), APPS)) {
      postgres.load(runs);
      int summed = 0;
      for (int i = 0; i < 500; i++) {
        String app = random.nextInt(4) == 0 ? OTHER : APP;
        Instant a = bound(random, from, days);
        Instant b = random.nextInt(5) == 0 ? a.plus(Duration.ofDays(random.nextInt(3))) : bound(random, from, days);
        if (a.isAfter(b)) {
          Instant t = a;
          a = b;
          b = t;
        }
        // each filter on or off, independently: every combination comes up
        RunQuery query = new RunQuery(app, a, b, null,
            random.nextBoolean() ? some(random, names) : List.of(),
            random.nextBoolean() ? some(random, tags) : List.of(),
            random.nextBoolean() ? Set.copyOf(some(random, types)) : Set.of(),
            null, null, 1 + random.nextInt(3), 0, random.nextBoolean() ? SortOrder.ASC : SortOrder.DESC);
        RunPage expected = memory.query(app, query);
        RunPage actual = postgres.query(app, query);
        String where = "seed " + seed + ", query " + i + ": " + query;
        assertEquals(expected.total(), actual.total(), "total; " + where);
        assertEquals(ids(expected), ids(actual), "ids; " + where);
        if (expected.total() > query.limit() && Math.floorDiv(b.toEpochMilli() + 1, DAY)
            > Math.floorDiv(a.toEpochMilli() + DAY - 1, DAY)) {
          summed++;
        }
      }
      assertTrue(summed > 100, "only " + summed + " totals were summed over whole days");
      // and the store does sum them: the plan of a whole-day window reads run_counts
      RunQuery oneDay = query(APP, Instant.parse("2024-04-30T00:00:00Z"),
          Instant.parse("2024-05-01T00:00:00Z"), Set.of("llm"), List.of(), List.of("beta"));
      assertTrue(postgres.explain(APP, oneDay).contains("on run_counts"));
      RunQuery searched = new RunQuery(APP, oneDay.startInclusive(), oneDay.endInclusive(), "e",
          List.of(), List.of(), Set.of(), null, null, 1, 0, SortOrder.DESC);
      assertFalse(postgres.explain(APP, searched).contains("run_counts"));
    }
  }

  /** Midnights, a millisecond either side, noon, or anywhere in one of the days. */
  private static Instant edgeInstant(Random random, Instant from, int days) {
    Instant midnight = from.plus(Duration.ofDays(random.nextInt(days + 1)));
    return switch (random.nextInt(5)) {
      case 0 -> midnight;
      case 1 -> midnight.plusMillis(1);
      case 2 -> midnight.minusMillis(1);
      case 3 -> midnight.plus(Duration.ofHours(12));
      default -> midnight.plusMillis(random.nextLong(DAY));
    };
  }

  /** A window bound: on, beside (by a millisecond or a nanosecond) or between midnights. */
  private static Instant bound(Random random, Instant from, int days) {
    Instant midnight = from.plus(Duration.ofDays(random.nextInt(days + 3) - 1));
    return switch (random.nextInt(6)) {
      case 0, 1 -> midnight;
      case 2 -> midnight.plusMillis(random.nextBoolean() ? 1 : -1);
      case 3 -> midnight.plusNanos(random.nextBoolean() ? 1 : -1);
      case 4 -> midnight.plus(Duration.ofHours(12));
      default -> midnight.plusMillis(random.nextLong(DAY));
    };
  }

  private static List<String> some(Random random, List<String> values) {
    Set<String> chosen = new LinkedHashSet<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      chosen.add(values.get(random.nextInt(values.size())));
    }
    return List.copyOf(chosen);
  }

  private static RunQuery query(String app, Instant start, Instant end, Set<String> types,
      List<String> models, List<String> tags) {
    return new RunQuery(app, start, end, null, models, tags, types, null, null, 1, 0, SortOrder.DESC);
  }

  private static StoredRun at(StoredRun r, Instant createdAt) {
    Instant endedAt = r.endedAt() == null ? null
        : createdAt.plus(Duration.between(r.createdAt(), r.endedAt()));
    return new StoredRun(r.appId(), r.sequence(), r.id(), r.type(), r.name(), createdAt, endedAt,
        r.promptTokens(), r.completionTokens(), r.tags(), r.input(), r.output(), r.error(), r.user(),
        r.cost());
  }

  private static StoredRun rename(StoredRun r, String id) {
    return new StoredRun(r.appId(), r.sequence(), id, r.type(), r.name(), r.createdAt(), r.endedAt(),
        r.promptTokens(), r.completionTokens(), r.tags(), r.input(), r.output(), r.error(), r.user(),
        r.cost());
  }

  private static List<String> ids(RunPage page) {
    return page.runs().stream().map(StoredRun::id).toList();
  }

  /** The groups of the runs, counted in Java: app, UTC day, type, name, tags as a sorted set. */
  private static Map<List<Object>, Long> groups(List<StoredRun> runs) {
    Map<List<Object>, Long> groups = new HashMap<>();
    for (StoredRun r : runs) {
      List<Object> key = List.of(r.appId(), Math.floorDiv(r.createdAt().toEpochMilli(), DAY),
          r.type(), r.name(), r.tags().stream().sorted().toList());
      groups.merge(key, 1L, Long::sum);
    }
    return groups;
  }

  /** run_counts' groups that hold runs (a group whose runs all went may stay, at 0). */
  private static Map<List<Object>, Long> counts(DatabaseSettings db) throws SQLException {
    return read(db, "SELECT app_id, day, type, name, tags, runs FROM run_counts WHERE runs <> 0");
  }

  /** The same groups, counted by PostgreSQL from the runs there. */
  private static Map<List<Object>, Long> sqlGroups(DatabaseSettings db) throws SQLException {
    return read(db, "SELECT app_id, floor(EXTRACT(EPOCH FROM created_at) / 86400)::bigint, type,"
        + " name, tags, COUNT(*) FROM runs GROUP BY 1, 2, 3, 4, 5");
  }

  private static Map<List<Object>, Long> read(DatabaseSettings db, String sql) throws SQLException {
    Map<List<Object>, Long> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String[] tags = (String[]) r.getArray(5).getArray();
        Arrays.sort(tags);
        List<Object> key = List.of(r.getString(1), r.getLong(2), r.getString(3), r.getString(4),
            List.of(tags));
        out.merge(key, r.getLong(6), Long::sum);
      }
    }
    return out;
  }
}
