package dev.runsapi.mock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.RandomQueries;
import dev.runsapi.mock.ReferenceFilter;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.ParsedQuery;
import dev.runsapi.mock.query.RawQuery;
import dev.runsapi.mock.query.RunQueryParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store (parser plus index) against the plainly written reference filter, over many random
 * queries on the built-in dataset: the same runs, in the same order, and the same total.
 */
class QuerySemanticsTest {
  private static final String APP = "app-acme";

  @Test
  void query_randomValidQueries_matchTheReferenceFilterExactly() {
    List<StoredRun> runs = new ArrayList<>(RunGenerator.generate(APP, 42, 2000));
    runs.addAll(RunGenerator.generate("app-other", 42, 200));
    assertMatchesReference(runs);
  }

  /** Past 64 distinct tags in an app the store matches tags by name instead of by bits. */
  @Test
  void query_appWithMoreTagsThanBits_matchesTheReferenceFilterExactly() {
    List<StoredRun> runs = new ArrayList<>();
    for (StoredRun r : RunGenerator.generate(APP, 42, 2000)) {
      List<String> tags = new ArrayList<>();
      for (int i = 0; i < 70; i++) {
        tags.add("filler-" + i); // first in every run, so the tags queried come past bit 64
      }
      tags.addAll(r.tags());
      runs.add(new StoredRun(r.appId(), r.sequence(), r.id(), r.type(), r.name(), r.createdAt(),
          r.endedAt(), r.promptTokens(), r.completionTokens(), tags, r.input(), r.output(),
          r.error(), r.user(), r.cost()));
    }
    assertMatchesReference(runs);
  }

  private static void assertMatchesReference(List<StoredRun> runs) {
    long seed = Long.getLong("query.seed", 20240501L);
    System.out.println("random query seed: " + seed + " (rerun with -Dquery.seed=" + seed + ")");
    InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), Defects.none());
    RunQueryParser parser = new RunQueryParser(Defects.none());
    RandomQueries queries = new RandomQueries(seed, runs);
    int nonEmpty = 0;
    for (int i = 0; i < 2000; i++) {
      Map<String, List<String>> params = queries.next(APP, "k");
      String queryString = RandomQueries.queryString(params);
      ParsedQuery parsed = parser.parse(RawQuery.parse(queryString));
      assertTrue(parsed.isValid(), queryString + " -> " + parsed.problems());
      RunPage page = store.query(APP, parsed.query());
      ReferenceFilter.Expected expected = ReferenceFilter.answer(runs, params);
      List<String> ids = page.runs().stream().map(StoredRun::id).toList();
      assertEquals(expected.ids(), ids, "seed " + seed + ", query " + queryString);
      assertEquals(expected.total(), page.total(), "seed " + seed + ", query " + queryString);
      assertEquals(expected.limit(), parsed.query().limit(), queryString);
      assertEquals(expected.page(), parsed.query().page(), queryString);
      if (!ids.isEmpty()) {
        nonEmpty++;
      }
    }
    assertTrue(nonEmpty > 300, "the random queries should mostly find runs, found " + nonEmpty);
  }

  /** Every window start over runs in ties of three, across the store's lookup strides. */
  @Test
  void query_everyWindowStart_findsExactlyTheRunsInside() {
    java.time.Instant t0 = java.time.Instant.parse("2024-05-01T00:00:00Z");
    List<StoredRun> runs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      runs.add(new StoredRun(APP, i, String.format("r%04d", i), "llm", "m", t0.plusMillis(i / 3 * 7L),
          null, 0, 0, List.of(), "x", null, null, null, java.math.BigDecimal.ZERO));
    }
    InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), Defects.none());
    for (int start = -5; start < 500 / 3 * 7 + 5; start++) {
      java.time.Instant from = t0.plusMillis(start);
      java.time.Instant to = from.plusMillis(20);
      dev.runsapi.mock.query.RunQuery query = new dev.runsapi.mock.query.RunQuery(APP, from, to, null,
          List.of(), List.of(), java.util.Set.of(), null, null, 1000, 0,
          dev.runsapi.mock.query.SortOrder.ASC);
      List<String> expected = runs.stream()
          .filter(r -> !r.createdAt().isBefore(from) && !r.createdAt().isAfter(to))
          .map(StoredRun::id).toList();
      assertEquals(expected, store.query(APP, query).runs().stream().map(StoredRun::id).toList(),
          "window from " + from);
    }
  }
}
