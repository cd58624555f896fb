package dev.runsapi.mock.store;

import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunTypes;
import dev.runsapi.mock.query.SortOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An immutable snapshot of runs in memory. Per app the runs sit in an array sorted by (createdAt,
 * id), so a query finds its time window by binary search and then looks only at the runs inside
 * it: O(log n + k) for k runs in the window. Nothing changes after construction, so concurrent
 * queries need no locking.
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
    Matcher matcher = new Matcher(query, app);
    List<StoredRun> matched = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (matcher.matches(app, i)) {
        matched.add(app.sorted[i]);
      }
    }
    if (defects.has(Defect.NO_TIE_BREAK)) {
      matched.sort(Comparator.comparing(StoredRun::createdAt).thenComparingLong(StoredRun::sequence));
    }
    boolean descending =
        query.order() == SortOrder.DESC || defects.has(Defect.ORDER_IGNORED);
    if (descending) {
      if (defects.has(Defect.NO_TIE_BREAK)) {
        matched.sort(Comparator.comparing(StoredRun::createdAt).reversed()
            .thenComparingLong(StoredRun::sequence));
      } else {
        Collections.reverse(matched);
      }
    }
    // page-off-by-one leaves page 0 right: a client that reads only first pages sees no defect,
    // so that the defect breaks paging and nothing else (ADR 0002: "page N starts one run late")
    long offset = (long) query.page() * query.limit()
        + (defects.has(Defect.PAGE_OFF_BY_ONE) && query.page() > 0 ? 1 : 0);
    List<StoredRun> page;
    if (offset >= matched.size()) {
      page = List.of();
    } else {
      int end = (int) Math.min(matched.size(), offset + query.limit());
      page = List.copyOf(matched.subList((int) offset, end));
    }
    return new RunPage(page, matched.size());
  }

  /**
   * The runs of one app, sorted, with parallel arrays: createdAt for the binary search, and, only
   * for the rare run whose search text {@link CaseInsensitive} cannot lower char by char, its
   * fields lower-cased once (contract: "case-insensitive" is {@code toLowerCase(Locale.ROOT)} on
   * both sides). Other runs are searched in place, so the store holds no second copy of the texts.
   */
  private static final class AppRuns {
    private final StoredRun[] sorted;
    private final long[] createdMillis;
    private static final int STRIDE = 64;
    /** createdMillis[0], createdMillis[STRIDE], createdMillis[2 * STRIDE], ... */
    private final long[] strideStarts;
    private final String[][] loweredWhereNeeded;
    /** Per run: its type's bit, its name's number in {@code names}, its tags' bits in {@code tags}. */
    private final byte[] typeBit;
    private final int[] nameId;
    private final long[] tagBits;
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<String, Integer> tags = new HashMap<>();

    AppRuns(List<StoredRun> runs) {
      sorted = runs.toArray(new StoredRun[0]);
      Arrays.sort(sorted, CONTRACT_ORDER);
      createdMillis = new long[sorted.length];
      loweredWhereNeeded = new String[sorted.length][];
      typeBit = new byte[sorted.length];
      nameId = new int[sorted.length];
      tagBits = new long[sorted.length];
      strideStarts = new long[(sorted.length + STRIDE - 1) / STRIDE];
      Map<String, String> lowered = new HashMap<>();
      for (int i = 0; i < sorted.length; i++) {
        StoredRun run = sorted[i];
        createdMillis[i] = run.createdAt().toEpochMilli();
        if (i % STRIDE == 0) {
          strideStarts[i / STRIDE] = createdMillis[i];
        }
        typeBit[i] = (byte) typeBit(run.type());
        nameId[i] = names.computeIfAbsent(run.name(), k -> names.size());
        for (String tag : run.tags()) {
          int bit = tags.computeIfAbsent(tag, k -> tags.size());
          tagBits[i] |= bit < Long.SIZE ? 1L << bit : 0;
        }
        if (!simple(run.input()) || !simple(run.output()) || !simple(run.error())) {
          loweredWhereNeeded[i] = new String[] {
              lower(run.input(), lowered), lower(run.output(), lowered), lower(run.error(), lowered)};
        }
      }
    }

    /** Whether every tag of the app has a bit; else tags are matched by name. */
    boolean tagsFitBits() {
      return tags.size() <= Long.SIZE;
    }

    private static boolean simple(String text) {
      return text == null || CaseInsensitive.lowersCharByChar(text);
    }

    /** Lowered once per distinct text: runs that share a text share its lowered copy. */
    private static String lower(String text, Map<String, String> lowered) {
      return text == null ? null : lowered.computeIfAbsent(text, t -> t.toLowerCase(Locale.ROOT));
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

  /** A bit of {@code AppRuns.typeBit} for each of the contract's run types. */
  private static int typeBit(String type) {
    int index = RunTypes.ALL.indexOf(type);
    if (index < 0) {
      throw new IllegalArgumentException("unknown run type " + type);
    }
    return 1 << index;
  }

  /**
   * The filters of one query other than the window, compiled once against the app's dictionaries:
   * types, models and tags are compared as bits and numbers, not strings, run by run.
   */
  private final class Matcher {
    private final RunQuery query;
    private final String term;
    private final Pattern likePattern;
    /** Bits of the types asked for; all bits when the filter is absent or ignored. */
    private final int typeBits;
    /** By name number, whether the name is asked for; null when the filter is absent. */
    private final boolean[] modelAsked;
    /** Bits of the tags asked for; {@code tagsByName} when they cannot be bits. */
    private final long tagBitsAsked;
    private final boolean tagsByName;
    /** Defects asked once per query, not once per run. */
    private final boolean tagsMatchAll;
    private final boolean durationExclusive;
    private final boolean searchCaseSensitive;

    Matcher(RunQuery query, AppRuns app) {
      this.query = query;
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
      int types = 0;
      for (String type : query.types()) {
        types |= typeBit(type);
      }
      typeBits = query.types().isEmpty() || defects.has(Defect.TYPE_FILTER_IGNORED) ? ~0 : types;
      if (query.models().isEmpty() || defects.has(Defect.MODELS_PREFIX_MATCH)) {
        modelAsked = null;
      } else {
        modelAsked = new boolean[app.names.size()];
        for (String model : query.models()) {
          Integer id = app.names.get(model);
          if (id != null) {
            modelAsked[id] = true;
          }
        }
      }
      long bits = 0;
      for (String tag : query.tags()) {
        Integer bit = app.tags.get(tag);
        bits |= bit == null ? 0 : 1L << bit;
      }
      tagsByName = !app.tagsFitBits();
      tagsMatchAll = defects.has(Defect.TAGS_MATCH_ALL);
      durationExclusive = defects.has(Defect.DURATION_BOUNDS_EXCLUSIVE);
      tagBitsAsked = bits;
    }

    boolean matches(AppRuns app, int index) {
      StoredRun run = app.sorted[index];
      return (app.typeBit[index] & typeBits) != 0
          && matchesModels(app, index)
          && matchesTags(app, index)
          && matchesDuration(run)
          && matchesSearch(run, app.loweredWhereNeeded[index]);
    }

    private boolean matchesModels(AppRuns app, int index) {
      if (modelAsked != null) {
        return modelAsked[app.nameId[index]];
      }
      if (query.models().isEmpty()) {
        return true;
      }
      String name = app.sorted[index].name(); // defect models-prefix-match
      return query.models().stream().anyMatch(name::startsWith);
    }

    private boolean matchesTags(AppRuns app, int index) {
      if (query.tags().isEmpty()) {
        return true;
      }
      List<String> runTags = app.sorted[index].tags();
      if (tagsMatchAll) {
        return runTags.containsAll(query.tags());
      }
      if (tagsByName) {
        return query.tags().stream().anyMatch(runTags::contains);
      }
      return (app.tagBits[index] & tagBitsAsked) != 0;
    }

    private boolean matchesDuration(StoredRun run) {
      if (!query.hasDurationBound()) {
        return true;
      }
      Long millis = run.durationMillis();
      if (millis == null) {
        return false;
      }
      BigDecimal seconds = BigDecimal.valueOf(millis, 3);
      boolean exclusive = durationExclusive;
      if (query.minDuration() != null) {
        int c = seconds.compareTo(query.minDuration());
        if (c < 0 || (exclusive && c == 0)) {
          return false;
        }
      }
      if (query.maxDuration() != null) {
        int c = seconds.compareTo(query.maxDuration());
        if (c > 0 || (exclusive && c == 0)) {
          return false;
        }
      }
      return true;
    }

    /** {@code lowered}: the run's texts lowered, or null when they can be searched in place. */
    private boolean matchesSearch(StoredRun run, String[] lowered) {
      if (term == null) {
        return true;
      }
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
