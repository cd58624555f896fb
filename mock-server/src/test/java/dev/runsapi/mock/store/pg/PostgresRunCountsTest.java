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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * run_counts and run_month_counts, the counts a window's total is summed from: after every kind of write they
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
  private static final String DAYS = "run_counts";
  private static final String MONTHS = "run_month_counts";

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
      assertCounts(first, db);
      assertEquals(new PostgresRunLoader.Result(300, 500), store.load(second)); // beside
      List<StoredRun> all = new ArrayList<>(first);
      all.addAll(second.subList(500, 800));
      assertCounts(all, db);
    }
  }

  /** A database an older mock made and filled (schema version 1, no run_counts) gets them built. */
  @Test
  void open_databaseOfAnOlderMock_buildsTheCountsOfTheRunsThere(EmbeddedPostgresServer pg)
      throws SQLException {
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "older");
    List<StoredRun> runs = RunGenerator.generate(APP, 8, 700);
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      store.load(runs);
    }
    // back to what an older mock leaves: schema version 1, its runs, no counts
    PgTestSupport.execute(db, "DROP TABLE run_counts, run_month_counts;"
        + " DROP FUNCTION run_counts_keep CASCADE; DROP FUNCTION run_day, run_month, run_tag_set;"
        + " DELETE FROM flyway_schema_history WHERE version = '2'");
    assertEquals(0, PgTestSupport.count(db, "SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = 'runs'::regclass"
        + " AND NOT tgisinternal"));
    try (PostgresRunStore store = PostgresRunStore.open(db, APPS)) {
      assertCounts(runs, db);
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
      assertCountsOfTheRuns(db);
      PgTestSupport.execute(db, "DELETE FROM runs WHERE seq % 5 = 0");
      assertCountsOfTheRuns(db);
      PgTestSupport.execute(db, "UPDATE runs SET created_at = created_at + INTERVAL '13 hours',"
          + " ended_at = ended_at + INTERVAL '13 hours', tags = ARRAY['moved'] || tags,"
          + " name = name || '-x' WHERE seq % 7 = 0");
      assertCountsOfTheRuns(db);
      PgTestSupport.execute(db, "TRUNCATE runs");
      assertEquals(Map.of(), counts(db, DAYS));
      assertEquals(Map.of(), counts(db, MONTHS));
      assertTrue(store.isEmpty());
    }
  }

  @Test
  void query_windowsAtTheEdgesOfDays_totalAsTheInMemoryStore(EmbeddedPostgresServer pg) {
    long seed = Long.getLong("pg.query.seed", System.nanoTime());
    System.out.println("run_counts edge seed: " + seed + " (rerun with -Dpg.query.seed=" + seed + ")");
    Random random = new Random(seed);
    Instant from = Instant.parse("2024-03-30T00:00:00Z");
    int days = 65; // 30 March to 3 June: two whole months and three months' ends inside
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
      int summedDays = 0;
      int summedMonths = 0;
      for (int i = 0; i < 300; i++) {
        String app = random.nextInt(4) == 0 ? OTHER : APP;
        Instant a = bound(random, from, days);
        Instant b = random.nextInt(5) == 0 ? a.plus(Duration.ofDays(random.nextInt(3))) : bound(random, from, days);
        if (random.nextInt(8) == 0) {
          b = a.plus(Duration.ofHours(random.nextInt(24))); // inside one day, or across one midnight
        }
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
        if (expected.total() > query.limit()) {
          LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(a.toEpochMilli() + DAY - 1, DAY));
          LocalDate end = LocalDate.ofEpochDay(Math.floorDiv(b.toEpochMilli() + 1, DAY));
          summedDays += first.isBefore(end) ? 1 : 0;
          summedMonths += first.withDayOfMonth(1).plusMonths(first.getDayOfMonth() == 1 ? 0 : 1)
              .isBefore(end.withDayOfMonth(1)) ? 1 : 0;
        }
      }
      assertTrue(summedDays > 60, "only " + summedDays + " totals were summed over whole days");
      assertTrue(summedMonths > 20, "only " + summedMonths + " totals were summed over whole months");
      // and the store does sum them: the plans of whole-day and whole-month windows read the counts
      RunQuery oneDay = query(APP, Instant.parse("2024-04-30T00:00:00Z"),
          Instant.parse("2024-05-01T00:00:00Z"), Set.of("llm"), List.of(), List.of("beta"));
      assertTrue(postgres.explain(APP, oneDay).contains("on run_counts"));
      RunQuery twoMonths = query(APP, Instant.parse("2024-03-30T12:00:00Z"),
          Instant.parse("2024-06-01T00:00:00Z"), Set.of(), List.of(), List.of());
      String plans = postgres.explain(APP, twoMonths);
      assertTrue(plans.contains("on run_month_counts") && plans.contains("on run_counts"), plans);
      RunQuery searched = new RunQuery(APP, oneDay.startInclusive(), oneDay.endInclusive(), "e",
          List.of(), List.of(), Set.of(), null, null, 1, 0, SortOrder.DESC);
      assertFalse(postgres.explain(APP, searched).contains("run_counts"));
    }
  }

  private static final List<Instant> MONTH_STARTS = List.of(Instant.parse("2024-03-01T00:00:00Z"),
      Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:00Z"),
      Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"));

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

  /**
   * A window bound: on, beside (by a millisecond or a nanosecond) or between midnights, often
   * those that begin a month.
   */
  private static Instant bound(Random random, Instant from, int days) {
    Instant midnight = random.nextBoolean() ? from.plus(Duration.ofDays(random.nextInt(days + 3) - 1))
        : MONTH_STARTS.get(random.nextInt(MONTH_STARTS.size()));
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

  private static void assertCounts(List<StoredRun> runs, DatabaseSettings db) throws SQLException {
    assertEquals(groups(runs, false), counts(db, DAYS), "run_counts");
    assertEquals(groups(runs, true), counts(db, MONTHS), "run_month_counts");
  }

  private static void assertCountsOfTheRuns(DatabaseSettings db) throws SQLException {
    assertEquals(read(db, "SELECT app_id, floor(EXTRACT(EPOCH FROM created_at) / 86400)::bigint,"
        + " type, name, tags, COUNT(*) FROM runs GROUP BY 1, 2, 3, 4, 5"), counts(db, DAYS));
    assertEquals(read(db, "SELECT app_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date"
        + " - DATE '1970-01-01', type, name, tags, COUNT(*) FROM runs GROUP BY 1, 2, 3, 4, 5"),
        counts(db, MONTHS));
  }

  /**
   * The groups of the runs, counted in Java: app, UTC day (or the first day of its month), type,
   * name, tags as a sorted set.
   */
  private static Map<List<Object>, Long> groups(List<StoredRun> runs, boolean byMonth) {
    Map<List<Object>, Long> groups = new HashMap<>();
    for (StoredRun r : runs) {
      long day = Math.floorDiv(r.createdAt().toEpochMilli(), DAY);
      if (byMonth) {
        day = LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay();
      }
      List<Object> key = List.of(r.appId(), day, r.type(), r.name(), r.tags().stream().sorted().toList());
      groups.merge(key, 1L, Long::sum);
    }
    return groups;
  }

  /** The groups of a counts table that hold runs (a group whose runs all went may stay, at 0). */
  private static Map<List<Object>, Long> counts(DatabaseSettings db, String table) throws SQLException {
    return read(db, "SELECT app_id, day, type, name, tags, runs FROM " + table + " WHERE runs <> 0");
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
