package dev.runsapi.mock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunTypes;
import dev.runsapi.mock.query.SortOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The columnar store's own mistakes, against {@link PlainStore} (a scan of every run): windows
 * whose ends fall anywhere in a 64-run word, apps around word sizes, pages from both ends and past
 * the end, sets in both forms (bitsets and posting lists), more than 64 tags, and every defect the
 * store implements. Random queries take a seed ({@code -Dlayout.seed=N}) and print it.
 */
class ColumnarLayoutTest {
  private static final String APP = "app-acme";
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  /** The defects {@link InMemoryRunStore} implements itself (the others live in the parser or HTTP). */
  private static final List<Defect> STORE_DEFECTS = List.of(Defect.WINDOW_END_EXCLUSIVE,
      Defect.NO_TIE_BREAK, Defect.ORDER_IGNORED, Defect.PAGE_OFF_BY_ONE, Defect.TYPE_FILTER_IGNORED,
      Defect.MODELS_PREFIX_MATCH, Defect.TAGS_MATCH_ALL, Defect.DURATION_BOUNDS_EXCLUSIVE,
      Defect.SEARCH_CASE_SENSITIVE, Defect.SEARCH_LIKE_WILDCARDS, Defect.SEARCH_BACKSLASH_ESCAPE);

  private static final long SEED = Long.getLong("layout.seed", 20240514L);

  @Test
  void query_randomQueriesWithNoneEachAndAllStoreDefects_matchThePlainScan() {
    System.out.println("layout seed: " + SEED + " (rerun with -Dlayout.seed=" + SEED + ")");
    Random random = new Random(SEED);
    List<StoredRun> runs = sparseAndDense(random, 2000);
    List<Set<Defect>> defectSets = new ArrayList<>();
    defectSets.add(Set.of());
    STORE_DEFECTS.forEach(d -> defectSets.add(Set.of(d)));
    defectSets.add(EnumSet.copyOf(STORE_DEFECTS));
    for (Set<Defect> on : defectSets) {
      Defects defects = Defects.of(on);
      InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), defects);
      for (int i = 0; i < 200; i++) {
        assertSameAnswer(runs, store, randomQuery(random, runs), defects, "defects " + on);
      }
    }
  }

  /** Every window over apps just below, at and above one and two 64-run words, tied instants included. */
  @Test
  void query_appsAroundWordSizes_everyWindowMatchesThePlainScan() {
    for (int size : new int[] {0, 1, 63, 64, 65, 129}) {
      List<StoredRun> runs = tiedRuns(size);
      for (Defects defects : List.of(Defects.none(), Defects.of(List.of(Defect.WINDOW_END_EXCLUSIVE)))) {
        InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), defects);
        List<Instant> ends = new ArrayList<>();
        runs.forEach(r -> ends.add(r.createdAt()));
        ends.add(T0.minusMillis(1));
        ends.add(T0.plusSeconds(3600));
        for (int si = 0; si < ends.size(); si++) {
          for (int ei = 0; ei < ends.size(); ei++) {
            // one of the twelve combinations of filter path, order and page per window, in turn
            int k = (si * 7 + ei) % 12;
            Set<String> types = k % 2 == 0 ? Set.of() : Set.of("llm", "tool");
            SortOrder order = k / 2 % 2 == 0 ? SortOrder.ASC : SortOrder.DESC;
            int page = new int[] {0, 1, 9}[k / 4];
            RunQuery q = new RunQuery(APP, ends.get(si), ends.get(ei), null, List.of(), List.of(),
                types, null, null, 7, page, order);
            assertSameAnswer(runs, store, q, defects, "app of " + size + " runs");
          }
        }
      }
    }
  }

  /** Pages past the end are empty but keep the total, from both ends and through both paths. */
  @Test
  void query_pagePastTheEnd_isEmptyWithTheTotal() {
    List<StoredRun> runs = tiedRuns(129);
    InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), Defects.none());
    for (Set<String> types : List.of(Set.<String>of(), Set.copyOf(RunTypes.ALL))) {
      for (SortOrder order : SortOrder.values()) {
        RunPage last = store.query(APP, new RunQuery(APP, T0, T0.plusSeconds(3600), null, List.of(),
            List.of(), types, null, null, 50, 2, order));
        assertEquals(29, last.runs().size());
        assertEquals(129, last.total());
        RunPage past = store.query(APP, new RunQuery(APP, T0, T0.plusSeconds(3600), null, List.of(),
            List.of(), types, null, null, 50, 3, order));
        assertEquals(List.of(), past.runs());
        assertEquals(129, past.total());
      }
    }
  }

  /** Hundreds of tags and names on a few runs each: posting lists, beside the generator's bitsets. */
  @Test
  void query_manySparseTagsAndNames_bothSetFormsMatchThePlainScan() {
    Random random = new Random(SEED + 1);
    List<StoredRun> runs = sparseAndDense(random, 4000);
    Set<String> tags = new HashSet<>();
    runs.forEach(r -> tags.addAll(r.tags()));
    assertTrue(tags.size() > 200, "more tags than a word has bits: " + tags.size());
    // the generator's tags are on a quarter of the runs or more, the added ones on about 1 in 200
    assertTrue(PositionSet.forCount(4000 / 4, 4000).dense());
    assertFalse(PositionSet.forCount(4000 / 200, 4000).dense());
    InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), Defects.none());
    for (int i = 0; i < 500; i++) {
      RunQuery q = randomQuery(random, runs);
      // always some sparse values asked, alone or with dense ones
      List<String> asked = new ArrayList<>(q.tags());
      asked.add("t-" + random.nextInt(300));
      List<String> models = new ArrayList<>(q.models());
      models.add("m-" + random.nextInt(120));
      q = new RunQuery(APP, q.startInclusive(), q.endInclusive(), q.search(), models, asked,
          q.types(), q.minDuration(), q.maxDuration(), q.limit(), q.page(), q.order());
      assertSameAnswer(runs, store, q, Defects.none(), "sparse");
    }
  }

  @Test
  void positionSet_eitherForm_orsExactlyItsMembersInTheWordsAsked() {
    Random random = new Random(SEED + 2);
    for (int runs : new int[] {1, 63, 64, 65, 129, 1000}) {
      for (int count : new int[] {0, 1, runs / 40 + 1, runs / 2, runs}) {
        BitSet members = new BitSet();
        while (members.cardinality() < Math.min(count, runs)) {
          members.set(random.nextInt(runs));
        }
        for (PositionSet set : List.of(new PositionSet.Dense(runs),
            new PositionSet.Sparse(members.cardinality()))) {
          members.stream().forEach(set::add);
          int words = (runs + 63) / 64;
          for (int first = 0; first < words; first++) {
            for (int last = first; last <= words; last++) {
              long[] into = new long[last - first];
              set.orInto(into, first);
              BitSet expected = members.get(first * 64, last * 64);
              assertEquals(expected, BitSet.valueOf(into),
                  "runs " + runs + ", count " + count + ", words " + first + ".." + last);
            }
          }
        }
      }
    }
  }

  /** The live store's copy on write: one app replaced, the other's index shared and still right. */
  @Test
  void withRuns_replacesOneAppAndLeavesTheOthers() {
    List<StoredRun> acme = tiedRuns(70);
    List<StoredRun> other = RunGenerator.generate("app-other", 7, 100);
    List<StoredRun> all = new ArrayList<>(acme);
    all.addAll(other);
    InMemoryRunStore before = new InMemoryRunStore(all, List.of(APP, "app-other"), Defects.none());
    InMemoryRunStore after = before.withRuns(APP, acme.subList(0, 10));
    assertEquals(70, before.runsOf(APP).size());
    assertEquals(acme.subList(0, 10).stream().sorted(InMemoryRunStore.CONTRACT_ORDER).toList(),
        after.runsOf(APP));
    RunQuery q = new RunQuery(APP, T0, T0.plusSeconds(3600), null, List.of(), List.of(),
        Set.of("llm"), null, null, 100, 0, SortOrder.ASC);
    assertSameAnswer(acme.subList(0, 10), after, q, Defects.none(), "after withRuns");
    assertSameAnswer(acme, before, q, Defects.none(), "before withRuns");
    assertEquals(before.runsOf("app-other"), after.runsOf("app-other"));
  }

  private static void assertSameAnswer(List<StoredRun> runs, InMemoryRunStore store, RunQuery q,
      Defects defects, String what) {
    RunPage expected = PlainStore.answer(runs, q, defects);
    RunPage actual = store.query(q.appId(), q);
    String message = what + ", seed " + SEED + ", query " + q;
    assertEquals(ids(expected), ids(actual), message);
    assertEquals(expected.total(), actual.total(), message);
  }

  private static List<String> ids(RunPage page) {
    return page.runs().stream().map(StoredRun::id).toList();
  }

  /**
   * {@code size} runs two to an instant, ids in the opposite order of loading (so that the
   * tie-break shows), types in turn, every third run unfinished.
   */
  private static List<StoredRun> tiedRuns(int size) {
    List<StoredRun> runs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Instant created = T0.plusMillis(i / 2 * 3L);
      runs.add(new StoredRun(APP, i, String.format("r%04d", size - i), RunTypes.ALL.get(i % 4),
          "m" + i % 3, created, i % 3 == 0 ? null : created.plusMillis(i * 7L), 0, 0,
          i % 5 == 0 ? List.of("a", "b") : List.of("b"), "text " + i, null, null, null,
          BigDecimal.ZERO));
    }
    return runs;
  }

  /**
   * The built-in runs with about one in three renamed to one of 120 names and one in two given one
   * of 300 tags: values on a few runs each, beside the generator's common ones; and another app.
   */
  private static List<StoredRun> sparseAndDense(Random random, int count) {
    List<StoredRun> runs = new ArrayList<>();
    for (StoredRun r : RunGenerator.generate(APP, random.nextLong(), count)) {
      List<String> tags = new ArrayList<>(r.tags());
      if (random.nextBoolean()) {
        tags.add("t-" + random.nextInt(300));
      }
      String name = random.nextInt(3) == 0 ? "m-" + random.nextInt(120) : r.name();
      runs.add(new StoredRun(r.appId(), r.sequence(), r.id(), r.type(), name, r.createdAt(),
          r.endedAt(), r.promptTokens(), r.completionTokens(), tags, r.input(), r.output(),
          r.error(), r.user(), r.cost()));
    }
    runs.addAll(RunGenerator.generate("app-other", random.nextLong(), 200));
    return runs;
  }

  private static final String[] SEARCH = {"capital", "CAPITAL", "İstanbul", "σίσυφος", "ΣΊΣΥΦΟΣ",
    "%", "_", "a%b", "e_", "\\", "c:\\users", "\\%", "timeout", "TIMEOUT", "e", "does not exist"};
  private static final String[] MODELS = {"gpt-4", "gpt-4o", "gpt-4o-mini", "claude-3",
    "claude-3-5-sonnet", "web-search", "m-1", "m-10", "nope", "GPT-4"};
  private static final String[] TAGS = {"production", "staging", "beta", "eval", "canary",
    "t-1", "t-10", "t-299", "nope"};
  private static final String[] DURATIONS = {"0", "0.0005", "1.0009", "1e-20", "1E+30", "1",
    "2.5", "10", "0.001", "123456789012345678901234567890.5", "9223372036854775.807"};

  private static RunQuery randomQuery(Random random, List<StoredRun> runs) {
    Instant start = near(random, runs);
    Instant end = random.nextInt(10) == 0 ? start : near(random, runs);
    if (end.isBefore(start) && random.nextInt(10) != 0) { // a few reversed windows stay
      Instant t = start;
      start = end;
      end = t;
    }
    String search = random.nextInt(4) == 0 ? SEARCH[random.nextInt(SEARCH.length)] : null;
    List<String> models = random.nextInt(3) == 0 ? some(random, MODELS) : List.of();
    List<String> tags = random.nextInt(3) == 0 ? some(random, TAGS) : List.of();
    Set<String> types = random.nextInt(3) == 0
        ? Set.copyOf(some(random, RunTypes.ALL.toArray(new String[0]))) : Set.of();
    BigDecimal min = random.nextInt(4) == 0 ? duration(random, runs) : null;
    BigDecimal max = random.nextInt(4) == 0 ? duration(random, runs) : null;
    int limit = random.nextInt(4) == 0 ? 1 + random.nextInt(1000) : 1 + random.nextInt(70);
    int page = random.nextInt(3) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 4 : 100);
    SortOrder order = random.nextBoolean() ? SortOrder.ASC : SortOrder.DESC;
    return new RunQuery(APP, start, end, search, models, tags, types, min, max, limit, page, order);
  }

  /** On a run's createdAt, a nanosecond or millisecond beside it, or anywhere in the month. */
  private static Instant near(Random random, List<StoredRun> runs) {
    Instant at = runs.get(random.nextInt(runs.size())).createdAt();
    return switch (random.nextInt(5)) {
      case 0 -> at;
      case 1 -> at.plusNanos(random.nextBoolean() ? 1 : -1);
      case 2 -> at.plusMillis(random.nextBoolean() ? 1 : -1);
      case 3 -> T0.minusSeconds(3600).plusSeconds(random.nextInt(33 * 24 * 3600));
      default -> at.plusSeconds(random.nextInt(7200) - 3600);
    };
  }

  private static BigDecimal duration(Random random, List<StoredRun> runs) {
    Long millis = runs.get(random.nextInt(runs.size())).durationMillis();
    if (millis != null && random.nextBoolean()) {
      // exactly a run's duration, or half a millisecond or a hair beside it
      BigDecimal exact = BigDecimal.valueOf(millis, 3);
      return switch (random.nextInt(3)) {
        case 0 -> exact;
        case 1 -> exact.add(new BigDecimal(random.nextBoolean() ? "0.0005" : "-0.0005")).abs();
        default -> exact.add(new BigDecimal("1e-25"));
      };
    }
    return new BigDecimal(DURATIONS[random.nextInt(DURATIONS.length)]);
  }

  private static List<String> some(Random random, String[] values) {
    List<String> chosen = new ArrayList<>();
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      chosen.add(values[random.nextInt(values.length)]);
    }
    return chosen;
  }
}
