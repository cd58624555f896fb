package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.RandomQueries;
import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.ParsedQuery;
import dev.runsapi.mock.query.RawQuery;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunQueryParser;
import dev.runsapi.mock.store.InMemoryRunStore;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL store against the in-memory one over the same generated runs: for hundreds of
 * seeded random queries (those of QuerySemanticsTest, aimed at the edges: bounds on and beside a
 * run, nanoseconds, offsets, search terms in other cases and scripts with % _ * \, shared model
 * prefixes, durations equal to a run's), the same runs with every field, in the same order, and the
 * same total.
 */
@ExtendWith(PostgresExtension.class)
class PostgresDifferentialTest {
  private static final String APP = "app-acme";
  private static final String OTHER = "app-other";
  private static final int QUERIES = 600;

  @Test
  void query_randomQueries_answerExactlyAsTheInMemoryStore(EmbeddedPostgresServer pg) {
    long seed = Long.getLong("pg.query.seed", System.nanoTime());
    System.out.println("PostgreSQL differential seed: " + seed + " (rerun with -Dpg.query.seed=" + seed + ")");
    List<StoredRun> runs = new ArrayList<>(RunGenerator.generate(APP, 42, 2000));
    runs.addAll(RunGenerator.generate(OTHER, 42, 300));
    List<String> apps = List.of(APP, OTHER);
    InMemoryRunStore memory = new InMemoryRunStore(runs, apps, Defects.none());
    DatabaseSettings db = PgTestSupport.newDatabase(pg, "differential");
    try (PostgresRunStore postgres = PostgresRunStore.open(db, apps)) {
      assertEquals(new PostgresRunLoader.Result(runs.size(), 0), postgres.load(runs));
      RunQueryParser parser = new RunQueryParser(Defects.none());
      RandomQueries queries = new RandomQueries(seed, runs);
      Random apps2 = new Random(seed);
      int nonEmpty = 0;
      for (int i = 0; i < QUERIES; i++) {
        String app = apps2.nextInt(5) == 0 ? OTHER : APP;
        Map<String, List<String>> params = queries.next(app, "k");
        String queryString = RandomQueries.queryString(params);
        ParsedQuery parsed = parser.parse(RawQuery.parse(queryString));
        assertTrue(parsed.isValid(), queryString + " -> " + parsed.problems());
        RunQuery query = parsed.query();
        RunPage expected = memory.query(app, query);
        RunPage actual = postgres.query(app, query);
        String where = "seed " + seed + ", query " + i + ": " + queryString;
        assertEquals(expected.total(), actual.total(), "total; " + where);
        assertEquals(ids(expected), ids(actual), "ids in order; " + where);
        assertEquals(PgTestSupport.comparable(expected.runs()), PgTestSupport.comparable(actual.runs()),
            "every field; " + where);
        if (!expected.runs().isEmpty()) {
          nonEmpty++;
        }
      }
      assertTrue(nonEmpty > QUERIES / 5, "the random queries should mostly find runs, found " + nonEmpty);
      assertEquals(memory.hasApp("app-nobody"), postgres.hasApp("app-nobody"));
      assertEquals(0, postgres.query("app-nobody", allOf("app-nobody")).total());
    }
  }

  /** One app's generated runs in both stores. */
  private record Both(InMemoryRunStore memory, PostgresRunStore postgres) implements AutoCloseable {
    static Both of(EmbeddedPostgresServer pg, String purpose, List<StoredRun> runs) {
      PostgresRunStore postgres = PostgresRunStore.open(PgTestSupport.newDatabase(pg, purpose), List.of(APP));
      postgres.load(runs);
      return new Both(new InMemoryRunStore(runs, List.of(APP), Defects.none()), postgres);
    }

    @Override
    public void close() {
      postgres.close();
    }
  }

  @Test
  void query_allRunsOfAnApp_areStoredWithEveryField(EmbeddedPostgresServer pg) {
    RunQuery all = allOf(APP);
    try (Both both = Both.of(pg, "fields", RunGenerator.generate(APP, 7, 500))) {
      assertEquals(PgTestSupport.comparable(both.memory().query(APP, all).runs()),
          PgTestSupport.comparable(both.postgres().query(APP, all).runs()));
      assertEquals(500, both.postgres().query(APP, all).total());
    }
  }

  @Test
  void query_valuesPostgresCannotHold_matchNothingAsInMemory(EmbeddedPostgresServer pg) {
    RunQuery all = allOf(APP);
    try (Both both = Both.of(pg, "nul", RunGenerator.generate(APP, 9, 200))) {
      InMemoryRunStore memory = both.memory();
      PostgresRunStore postgres = both.postgres();
      List<RunQuery> queries = List.of(
          with(all, "a\0b", List.of(), List.of()),
          with(all, null, List.of("gpt-4o\0"), List.of()),
          with(all, null, List.of("gpt-4o\0", "gpt-4o"), List.of()),
          with(all, null, List.of(), List.of("beta\0")),
          with(all, null, List.of(), List.of("beta\0", "eval")));
      for (RunQuery query : queries) {
        RunPage expected = memory.query(APP, query);
        RunPage actual = postgres.query(APP, query);
        assertEquals(expected.total(), actual.total(), query.toString());
        assertEquals(ids(expected), ids(actual), query.toString());
      }
      assertEquals(0, postgres.query(APP, queries.get(0)).total());
      assertTrue(postgres.query(APP, queries.get(2)).total() > 0);
    }
  }

  private static RunQuery with(RunQuery q, String search, List<String> models, List<String> tags) {
    return new RunQuery(q.appId(), q.startInclusive(), q.endInclusive(), search, models, tags,
        q.types(), q.minDuration(), q.maxDuration(), q.limit(), q.page(), q.order());
  }

  private static RunQuery allOf(String app) {
    return new RunQueryParser(Defects.none()).parse(RawQuery.parse("app_id=" + app
        + "&start_time=2024-01-01T00:00:00Z&end_time=2025-01-01T00:00:00Z&limit=1000&order=asc"))
        .query();
  }

  private static List<String> ids(RunPage page) {
    return page.runs().stream().map(StoredRun::id).toList();
  }
}
