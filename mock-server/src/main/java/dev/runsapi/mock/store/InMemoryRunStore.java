package dev.runsapi.mock.store;

import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunTypes;
import dev.runsapi.mock.query.SortOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An immutable snapshot of runs in memory, laid out for scanning. Per app the runs sit in an array
 * sorted by (createdAt, id), with columns beside it: createdAt for the binary search that finds a
 * query's window, durations in milliseconds, and per type, name and tag the set of positions that
 * hold it ({@link PositionSet}). A query ORs the sets of one filter and ANDs across filters over the
 * window's words only ({@link WindowBits}), tests duration and search on the survivors, counts
 * {@code total} with popcounts and materialises only the page's runs; a query with no filter but
 * the window needs no set at all. Nothing changes after construction, so concurrent queries need
 * no locking.
 */
public final class InMemoryRunStore implements RunStore {
  /** The contract's order: createdAt, then id, ordinal. */
  public static final Comparator<StoredRun> CONTRACT_ORDER =
      Comparator.comparing(StoredRun::createdAt).thenComparing(StoredRun::id);

  private final Map<String, AppRuns> apps;
  private final Defects defects;

  public InMemoryRunStore(Collection<StoredRun> runs, Collection<String> knownApps, Defects defects) {
    this.defects = defects;
    Map<String, List<StoredRun>> byApp = new HashMap<>();
    for (String app : knownApps) {
      byApp.put(app, new ArrayList<>());
    }
    for (StoredRun run : runs) {
      byApp.computeIfAbsent(run.appId(), k -> new ArrayList<>()).add(run);
    }
    Map<String, AppRuns> built = new HashMap<>();
    byApp.forEach((app, list) -> built.put(app, new AppRuns(list)));
    this.apps = Map.copyOf(built);
  }

  private InMemoryRunStore(Map<String, AppRuns> apps, Defects defects) {
    this.apps = apps;
    this.defects = defects;
  }

  /**
   * A new snapshot in which {@code appId} holds exactly {@code runs}; the other apps' indexes are
   * shared, not rebuilt (the live store makes one of these per change, copy on write).
   */
  public InMemoryRunStore withRuns(String appId, Collection<StoredRun> runs) {
    Map<String, AppRuns> next = new HashMap<>(apps);
    next.put(appId, new AppRuns(new ArrayList<>(runs)));
    return new InMemoryRunStore(Map.copyOf(next), defects);
  }

  @Override
  public boolean hasApp(String appId) {
    return apps.containsKey(appId);
  }

  /** All runs of an app in the contract's ascending order; for tests and diagnostics. */
  public List<StoredRun> runsOf(String appId) {
    AppRuns app = apps.get(appId);
    return app == null ? List.of() : List.of(app.sorted);
  }

  @Override
  public RunPage query(String appId, RunQuery query) {
    AppRuns app = apps.get(appId);
    if (app == null) {
      return new RunPage(List.of(), 0);
    }
    int from = app.firstAtOrAfter(query.startInclusive().toEpochMilli()
        + (query.startInclusive().getNano() % 1_000_000 == 0 ? 0 : 1));
    long endMillis = query.endInclusive().toEpochMilli(); // floor: runs have whole milliseconds
    int to;
    if (defects.has(Defect.WINDOW_END_EXCLUSIVE)) {
      boolean endOnMilli = query.endInclusive().getNano() % 1_000_000 == 0;
      to = app.firstAtOrAfter(endOnMilli ? endMillis : endMillis + 1);
    } else {
      to = app.firstAtOrAfter(endMillis + 1);
    }
    to = Math.max(from, to);
    boolean descending =
        query.order() == SortOrder.DESC || defects.has(Defect.ORDER_IGNORED);
    // page-off-by-one leaves page 0 right: a client that reads only first pages sees no defect,
    // so that the defect breaks paging and nothing else (ADR 0002: "page N starts one run late")
    long offset = (long) query.page() * query.limit()
        + (defects.has(Defect.PAGE_OFF_BY_ONE) && query.page() > 0 ? 1 : 0);
    Matcher matcher = new Matcher(query, app);
    if (!matcher.filters() && !defects.has(Defect.NO_TIE_BREAK)) {
      return windowPage(app, from, to, offset, query.limit(), descending);
    }
    WindowBits matched = matcher.match(from, to);
    if (defects.has(Defect.NO_TIE_BREAK)) {
      return untiedPage(app, matched, offset, query.limit(), descending);
    }
    int[] positions = matched.select(offset, query.limit(), descending);
    return new RunPage(app.runsAt(positions), matched.count());
  }

  /** No filter but the window: the page's positions are arithmetic, the total its length. */
  private static RunPage windowPage(AppRuns app, int from, int to, long offset, int limit,
      boolean descending) {
    int total = to - from;
    int size = (int) Math.max(0, Math.min(limit, total - offset));
    int[] positions = new int[size];
    for (int i = 0; i < size; i++) {
      positions[i] = (int) (descending ? to - 1 - offset - i : from + offset + i);
    }
    return new RunPage(app.runsAt(positions), total);
  }

  /**
   * Defect no-tie-break: runs of equal createdAt in load order rather than by id, in both
   * directions. Every matching run is sorted, as before the index had columns: a defect need not
   * be fast.
   */
  private static RunPage untiedPage(AppRuns app, WindowBits matched, long offset, int limit,
      boolean descending) {
    List<StoredRun> runs = new ArrayList<>();
    for (int position : matched.select(0, matched.count(), false)) {
      runs.add(app.sorted[position]);
    }
    Comparator<StoredRun> bySequence = Comparator.comparingLong(StoredRun::sequence);
    runs.sort(descending
        ? Comparator.comparing(StoredRun::createdAt).reversed().thenComparing(bySequence)
        : Comparator.comparing(StoredRun::createdAt).thenComparing(bySequence));
    List<StoredRun> page = offset >= runs.size() ? List.of()
        : List.copyOf(runs.subList((int) offset, (int) Math.min(runs.size(), offset + limit)));
    return new RunPage(page, runs.size());
  }

  /**
   * The runs of one app sorted by (createdAt, id), in columns: createdAt for the binary search,
   * the duration in milliseconds, and per distinct type, name and tag the set of positions that
   * hold it. Only for the rare run whose search text {@link CaseInsensitive} cannot lower char by
   * char are its fields lower-cased once (contract: "case-insensitive" is {@code
   * toLowerCase(Locale.ROOT)} on both sides); other runs are searched in place, so the store holds
   * no second copy of the texts.
   */
  private static final class AppRuns {
    /** {@link #durationMillis} of a run that has not ended. */
    static final long NOT_ENDED = Long.MIN_VALUE;
    private final StoredRun[] sorted;
    private final long[] createdMillis;
    private static final int STRIDE = 64;
    /** createdMillis[0], createdMillis[STRIDE], createdMillis[2 * STRIDE], ... */
    private final long[] strideStarts;
    private final long[] durationMillis;
    /** The positions whose texts were lowered, ascending, and their lowered texts. */
    private final int[] loweredAt;
    private final String[][] loweredTexts;
    /** By index in {@link RunTypes#ALL}. */
    private final PositionSet[] typeSets;
    private final Map<String, PositionSet> nameSets;
    private final Map<String, PositionSet> tagSets;

    AppRuns(List<StoredRun> runs) {
      sorted = runs.toArray(new StoredRun[0]);
      Arrays.sort(sorted, CONTRACT_ORDER);
      int n = sorted.length;
      createdMillis = new long[n];
      durationMillis = new long[n];
      strideStarts = new long[(n + STRIDE - 1) / STRIDE];
      // first pass: the columns, and each value's number of runs, so that its set takes its form
      byte[] typeOf = new byte[n];
      int[] typeCounts = new int[RunTypes.ALL.size()];
      Map<String, int[]> nameCounts = new HashMap<>();
      Map<String, int[]> tagCounts = new HashMap<>();
      Map<String, String> lowered = new HashMap<>();
      List<Integer> loweredPositions = new ArrayList<>();
      List<String[]> loweredValues = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StoredRun run = sorted[i];
        createdMillis[i] = run.createdAt().toEpochMilli();
        if (i % STRIDE == 0) {
          strideStarts[i / STRIDE] = createdMillis[i];
        }
        durationMillis[i] = run.endedAt() == null ? NOT_ENDED
            : run.endedAt().toEpochMilli() - createdMillis[i];
        typeOf[i] = (byte) typeIndex(run.type());
        typeCounts[typeOf[i]]++;
        nameCounts.computeIfAbsent(run.name(), k -> new int[1])[0]++;
        for (String tag : run.tags()) {
          tagCounts.computeIfAbsent(tag, k -> new int[1])[0]++;
        }
        if (!simple(run.input()) || !simple(run.output()) || !simple(run.error())) {
          loweredPositions.add(i);
          loweredValues.add(new String[] {
              lower(run.input(), lowered), lower(run.output(), lowered), lower(run.error(), lowered)});
        }
      }
      loweredAt = loweredPositions.stream().mapToInt(Integer::intValue).toArray();
      loweredTexts = loweredValues.toArray(new String[0][]);
      // second pass: the sets, filled in position order
      typeSets = new PositionSet[typeCounts.length];
      for (int t = 0; t < typeCounts.length; t++) {
        typeSets[t] = PositionSet.forCount(typeCounts[t], n);
      }
      nameSets = sets(nameCounts, n);
      tagSets = sets(tagCounts, n);
      for (int i = 0; i < n; i++) {
        StoredRun run = sorted[i];
        typeSets[typeOf[i]].add(i);
        nameSets.get(run.name()).add(i);
        for (String tag : run.tags()) {
          tagSets.get(tag).add(i);
        }
      }
    }

    private static Map<String, PositionSet> sets(Map<String, int[]> counts, int runs) {
      Map<String, PositionSet> sets = new HashMap<>(counts.size() * 4 / 3 + 1);
      counts.forEach((value, count) -> sets.put(value, PositionSet.forCount(count[0], runs)));
      return sets;
    }

    private static boolean simple(String text) {
      return text == null || CaseInsensitive.lowersCharByChar(text);
    }

    /** Lowered once per distinct text: runs that share a text share its lowered copy. */
    private static String lower(String text, Map<String, String> lowered) {
      return text == null ? null : lowered.computeIfAbsent(text, t -> t.toLowerCase(Locale.ROOT));
    }

    /** The lowered texts of the run at {@code position}, or null when it is searched in place. */
    String[] loweredAt(int position) {
      int i = Arrays.binarySearch(loweredAt, position);
      return i < 0 ? null : loweredTexts[i];
    }

    /** The runs at {@code positions}, in that order: the only runs a query materialises. */
    List<StoredRun> runsAt(int[] positions) {
      StoredRun[] runs = new StoredRun[positions.length];
      for (int i = 0; i < positions.length; i++) {
        runs[i] = sorted[positions[i]];
      }
      return List.of(runs);
    }

    /**
     * Index of the first run created at or after {@code millis}; the length when none is. Two
     * binary searches: over every {@link #STRIDE}th createdAt (small enough to stay in cache), then
     * within one stride, so that a lookup touches a few cache lines rather than one per step.
     */
    int firstAtOrAfter(long millis) {
      int j = lowerBound(strideStarts, 0, strideStarts.length, millis);
      if (j == 0) {
        return 0;
      }
      return lowerBound(createdMillis, (j - 1) * STRIDE + 1,
          (int) Math.min(createdMillis.length, (long) j * STRIDE), millis);
    }

    /** The first index in [from, to) whose value is at least {@code key}; {@code to} when none is. */
    private static int lowerBound(long[] values, int from, int to, long key) {
      int lo = from;
      int hi = to;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] < key) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** The index of a run type in {@link RunTypes#ALL}. */
  private static int typeIndex(String type) {
    int index = RunTypes.ALL.indexOf(type);
    if (index < 0) {
      throw new IllegalArgumentException("unknown run type " + type);
    }
    return index;
  }

  /**
   * The filters of one query other than the window, compiled once against the app's sets: types,
   * models and tags become sets of positions to combine, the duration bounds whole milliseconds.
   * Duration and search are then tested only on the positions the sets let through.
   */
  private final class Matcher {
    private final AppRuns app;
    private final String term;
    private final Pattern likePattern;
    /** Per set filter, the sets to OR; null when the filter is absent or ignored. */
    private final List<PositionSet> typeSets;
    private final List<PositionSet> modelSets;
    private final List<PositionSet> tagSets;
    /** Defect tags-match-all: the tags' sets are AND-ed, not OR-ed. */
    private final boolean tagsMatchAll;
    /** Null when the query has no duration bound. */
    private final DurationBounds duration;
    private final boolean searchCaseSensitive;

    Matcher(RunQuery query, AppRuns app) {
      this.app = app;
      String search = query.search();
      if (search != null && defects.has(Defect.SEARCH_BACKSLASH_ESCAPE)) {
        search = search.replaceAll("\\\\(.)", "$1").replace("\\", ""); // \x means x; a lone \ is dropped
      }
      searchCaseSensitive = defects.has(Defect.SEARCH_CASE_SENSITIVE);
      if (search == null || search.isEmpty()) {
        term = null;
      } else if (searchCaseSensitive) {
        term = search;
      } else {
        term = search.toLowerCase(Locale.ROOT);
      }
      likePattern = term != null && defects.has(Defect.SEARCH_LIKE_WILDCARDS) ? like(term) : null;
      if (query.types().isEmpty() || defects.has(Defect.TYPE_FILTER_IGNORED)) {
        typeSets = null;
      } else {
        typeSets = new ArrayList<>();
        for (String type : query.types()) {
          typeSets.add(app.typeSets[typeIndex(type)]);
        }
      }
      if (query.models().isEmpty()) {
        modelSets = null;
      } else if (defects.has(Defect.MODELS_PREFIX_MATCH)) {
        modelSets = new ArrayList<>();
        app.nameSets.forEach((name, set) -> {
          if (query.models().stream().anyMatch(name::startsWith)) {
            modelSets.add(set);
          }
        });
      } else {
        modelSets = known(query.models(), app.nameSets);
      }
      tagsMatchAll = defects.has(Defect.TAGS_MATCH_ALL);
      if (query.tags().isEmpty()) {
        tagSets = null;
      } else {
        List<PositionSet> sets = known(query.tags(), app.tagSets);
        // all of the tags, one of which no run has: none matches (an empty OR)
        tagSets = tagsMatchAll && sets.size() < query.tags().size() ? List.of() : sets;
      }
      duration = query.hasDurationBound()
          ? DurationBounds.of(query.minDuration(), query.maxDuration(),
              defects.has(Defect.DURATION_BOUNDS_EXCLUSIVE))
          : null;
    }

    /** The sets of the asked values the app has (a value no run has matches nothing). */
    private static List<PositionSet> known(List<String> asked, Map<String, PositionSet> sets) {
      List<PositionSet> found = new ArrayList<>();
      for (String value : asked) {
        PositionSet set = sets.get(value);
        if (set != null) {
          found.add(set);
        }
      }
      return found;
    }

    /** Whether anything but the window filters. */
    boolean filters() {
      return typeSets != null || modelSets != null || tagSets != null || duration != null
          || term != null;
    }

    /** The positions in [from, to) that pass every filter. */
    WindowBits match(int from, int to) {
      WindowBits bits = new WindowBits(from, to);
      if (typeSets != null) {
        bits.retainAny(typeSets);
      }
      if (modelSets != null) {
        bits.retainAny(modelSets);
      }
      if (tagSets != null) {
        if (tagsMatchAll && !tagSets.isEmpty()) {
          bits.retainAll(tagSets);
        } else {
          bits.retainAny(tagSets);
        }
      }
      bits.close();
      if (duration != null) {
        long[] millis = app.durationMillis;
        bits.retainIf(i -> millis[i] != AppRuns.NOT_ENDED && duration.contains(millis[i]));
      }
      if (term != null) {
        bits.retainIf(i -> matchesSearch(app.sorted[i], app.loweredAt(i)));
      }
      return bits;
    }

    /** {@code lowered}: the run's texts lowered, or null when they can be searched in place. */
    private boolean matchesSearch(StoredRun run, String[] lowered) {
      if (searchCaseSensitive) {
        return contains(run.input()) || contains(run.output()) || contains(run.error());
      }
      if (likePattern != null) {
        return matchesLike(run.input()) || matchesLike(run.output()) || matchesLike(run.error());
      }
      if (lowered != null) {
        return contains(lowered[0]) || contains(lowered[1]) || contains(lowered[2]);
      }
      return containsIgnoringCase(run.input()) || containsIgnoringCase(run.output())
          || containsIgnoringCase(run.error());
    }

    private boolean contains(String field) {
      return field != null && field.contains(term);
    }

    private boolean containsIgnoringCase(String field) {
      return field != null && CaseInsensitive.containsLowered(field, term);
    }

    /** Defect search-like-wildcards, on the lowered text (a defect need not be fast). */
    private boolean matchesLike(String field) {
      return field != null && likePattern.matcher(field.toLowerCase(Locale.ROOT)).find();
    }
  }

  /** SQL LIKE read into a regular expression: {@code %} any run of characters, {@code _} one. */
  private static Pattern like(String term) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
