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

  @Test
  void query_allRunsOfAnApp_areStoredWithEveryField(EmbeddedPostgresServer pg) {
    List<StoredRun> runs = RunGenerator.generate(APP, 7, 500);
    InMemoryRunStore memory = new InMemoryRunStore(runs, List.of(APP), Defects.none());
    try (PostgresRunStore postgres = PostgresRunStore.open(PgTestSupport.newDatabase(pg, "fields"), List.of(APP))) {
      postgres.load(runs);
      RunQuery all = allOf(APP);
      assertEquals(PgTestSupport.comparable(memory.query(APP, all).runs()),
          PgTestSupport.comparable(postgres.query(APP, all).runs()));
      assertEquals(500, postgres.query(APP, all).total());
    }
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
