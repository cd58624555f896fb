package dev.runsapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.pg.EmbeddedPostgresServer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each benchmark method on a small dataset, for what it answers (no timing): on the in-memory
 * store, and on the PostgreSQL store as bench/run prepares it (PgDataset on an embedded server),
 * where it must answer exactly what memory answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreQueryBenchmarkTest {
  private static final int RUNS = 20_000;
  private final StoreQueryBenchmark memory = bench("memory");
  private final StoreQueryBenchmark postgres = bench("postgres");
  private EmbeddedPostgresServer pg;

  private static StoreQueryBenchmark bench(String store) {
    StoreQueryBenchmark bench = new StoreQueryBenchmark();
    bench.runs = RUNS;
    bench.store = store;
    return bench;
  }

  @BeforeAll
  void load() throws SQLException {
    memory.load();
    pg = EmbeddedPostgresServer.start();
    PgDataset.create(pg, RUNS);
    System.setProperty(StoreQueryBenchmark.PG_URL_PROPERTY, pg.jdbcUrl(""));
    try {
      postgres.load();
    } finally {
      System.clearProperty(StoreQueryBenchmark.PG_URL_PROPERTY);
    }
  }

  @AfterAll
  void close() {
    memory.close();
    postgres.close();
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void selectiveWindow_returnsExactlyTheRunsOfItsWindow_twentyAtEverySize() {
    Instant from = StoreQueryBenchmark.SELECTIVE_START;
    List<Instant> after = RunGenerator.generate(StoreQueryBenchmark.APP, StoreQueryBenchmark.SEED, RUNS).stream()
        .map(StoredRun::createdAt).filter(t -> !t.isBefore(from)).sorted().toList();
    Instant to = after.get(StoreQueryBenchmark.SELECTIVE_RUNS - 1);
    long expected = after.stream().filter(t -> !t.isAfter(to)).count();
    RunPage page = memory.selectiveWindow();
    assertEquals(expected, page.total());
    assertEquals(expected, page.runs().size());
    assertTrue(expected >= StoreQueryBenchmark.SELECTIVE_RUNS && expected <= StoreQueryBenchmark.SELECTIVE_RUNS + 5,
        "the selective window holds " + expected + " runs");
  }

  @Test
  void broadFilters_returnsAFullFirstPageOfMatchingRuns() {
    RunPage page = memory.broadFilters();
    assertEquals(50, page.runs().size());
    assertTrue(page.runs().stream().allMatch(r -> r.type().equals("llm") || r.type().equals("tool")));
  }

  @Test
  void deepPage_isAFullPageFromTheMiddle() {
    assertEquals(100, memory.deepPage().runs().size());
  }

  @Test
  void totalOfBroadFilter_countsMoreThanAPage() {
    long total = memory.totalOfBroadFilter();
    assertTrue(total > 100 && total < RUNS, "total " + total);
  }

  @Test
  void monthTotal_countsEveryRunOfTheMonth() {
    assertEquals(RUNS, memory.monthTotal());
  }

  @Test
  void postgres_answersEveryBenchmarkQueryAsMemoryDoes() {
    assertEquals(ids(memory.selectiveWindow()), ids(postgres.selectiveWindow()));
    assertEquals(ids(memory.broadFilters()), ids(postgres.broadFilters()));
    assertEquals(ids(memory.deepPage()), ids(postgres.deepPage()));
    assertEquals(memory.totalOfBroadFilter(), postgres.totalOfBroadFilter());
    assertEquals(memory.monthTotal(), postgres.monthTotal());
  }

  @Test
  void postgres_withoutTheServerUrl_saysWhatItNeeds() {
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> bench("postgres").load());
    assertTrue(e.getMessage().contains("-D" + StoreQueryBenchmark.PG_URL_PROPERTY), e.getMessage());
  }

  private static List<String> ids(RunPage page) {
    return page.runs().stream().map(StoredRun::id).toList();
  }
}
