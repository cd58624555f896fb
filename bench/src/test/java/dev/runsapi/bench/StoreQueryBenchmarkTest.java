package dev.runsapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each benchmark method once on a small dataset, for what it answers (no timing). */
class StoreQueryBenchmarkTest {
  private final StoreQueryBenchmark bench = new StoreQueryBenchmark();

  @BeforeEach
  void load() {
    bench.runs = 20_000;
    bench.load();
  }

  @Test
  void selectiveWindow_returnsExactlyTheRunsOfItsWindow_twentyAtEverySize() {
    Instant from = StoreQueryBenchmark.SELECTIVE_START;
    Instant to = StoreQueryBenchmark.selectiveEnd(bench.store.runsOf(StoreQueryBenchmark.APP));
    long expected = bench.store.runsOf(StoreQueryBenchmark.APP).stream()
        .map(StoredRun::createdAt)
        .filter(t -> !t.isBefore(from) && !t.isAfter(to))
        .count();
    RunPage page = bench.selectiveWindow();
    assertEquals(expected, page.total());
    assertEquals(expected, page.runs().size());
    assertTrue(expected >= StoreQueryBenchmark.SELECTIVE_RUNS && expected <= StoreQueryBenchmark.SELECTIVE_RUNS + 5,
        "the selective window holds " + expected + " runs");
  }

  @Test
  void broadFilters_returnsAFullFirstPageOfMatchingRuns() {
    RunPage page = bench.broadFilters();
    assertEquals(50, page.runs().size());
    assertTrue(page.runs().stream().allMatch(r -> r.type().equals("llm") || r.type().equals("tool")));
  }

  @Test
  void deepPage_isAFullPageFromTheMiddle() {
    assertEquals(100, bench.deepPage().runs().size());
  }

  @Test
  void totalOfBroadFilter_countsMoreThanAPage() {
    long total = bench.totalOfBroadFilter();
    assertTrue(total > 100 && total < 20_000, "total " + total);
  }
}
