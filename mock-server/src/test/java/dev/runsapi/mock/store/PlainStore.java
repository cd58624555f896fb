package dev.runsapi.mock.store;

import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The oracle for the columnar store's own mistakes: a {@link RunQuery} answered by a scan of every
 * run, each rule written as the contract or ADR 0002's defect says it, with no index, no bits and
 * no millisecond arithmetic. Unlike {@code ReferenceFilter} it takes a parsed query (so windows and
 * duration bounds may be any instant or decimal) and implements the store's defects.
 */
final class PlainStore {
  private PlainStore() {}

  static RunPage answer(List<StoredRun> runs, RunQuery q, Defects defects) {
    Predicate<StoredRun> search = search(q.search(), defects);
    List<StoredRun> matching = new ArrayList<>();
    for (StoredRun run : runs) {
      if (run.appId().equals(q.appId()) && matches(run, q, defects) && search.test(run)) {
        matching.add(run);
      }
    }
    Comparator<StoredRun> tieBreak = defects.has(Defect.NO_TIE_BREAK)
        ? Comparator.comparingLong(StoredRun::sequence) // load order, in both directions
        : null;
    Comparator<StoredRun> order;
    boolean descending = q.order() == SortOrder.DESC || defects.has(Defect.ORDER_IGNORED);
    if (tieBreak != null) {
      Comparator<StoredRun> byCreated = Comparator.comparing(StoredRun::createdAt);
      order = (descending ? byCreated.reversed() : byCreated).thenComparing(tieBreak);
    } else {
      order = Comparator.comparing(StoredRun::createdAt).thenComparing(StoredRun::id);
      order = descending ? order.reversed() : order;
    }
    matching.sort(order);
    long offset = (long) q.page() * q.limit()
        + (defects.has(Defect.PAGE_OFF_BY_ONE) && q.page() > 0 ? 1 : 0);
    List<StoredRun> page = new ArrayList<>();
    for (long i = offset; i < offset + q.limit() && i < matching.size(); i++) {
      page.add(matching.get((int) i));
    }
    return new RunPage(page, matching.size());
  }

  private static boolean matches(StoredRun run, RunQuery q, Defects defects) {
    if (run.createdAt().isBefore(q.startInclusive())) {
      return false;
    }
    if (defects.has(Defect.WINDOW_END_EXCLUSIVE)
        ? !run.createdAt().isBefore(q.endInclusive())
        : run.createdAt().isAfter(q.endInclusive())) {
      return false;
    }
    if (!q.types().isEmpty() && !defects.has(Defect.TYPE_FILTER_IGNORED)
        && !q.types().contains(run.type())) {
      return false;
    }
    if (!q.models().isEmpty()) {
      boolean prefix = defects.has(Defect.MODELS_PREFIX_MATCH);
      if (q.models().stream().noneMatch(m -> prefix ? run.name().startsWith(m) : run.name().equals(m))) {
        return false;
      }
    }
    if (!q.tags().isEmpty()) {
      boolean all = defects.has(Defect.TAGS_MATCH_ALL);
      if (all ? !run.tags().containsAll(q.tags()) : q.tags().stream().noneMatch(run.tags()::contains)) {
        return false;
      }
    }
    if (q.hasDurationBound()) {
      if (run.endedAt() == null) {
        return false;
      }
      BigDecimal seconds = new BigDecimal(run.durationMillis()).divide(new BigDecimal(1000));
      boolean exclusive = defects.has(Defect.DURATION_BOUNDS_EXCLUSIVE);
      if (q.minDuration() != null && !above(seconds, q.minDuration(), exclusive)) {
        return false;
      }
      if (q.maxDuration() != null && !above(q.maxDuration(), seconds, exclusive)) {
        return false;
      }
    }
    return true;
  }

  private static boolean above(BigDecimal a, BigDecimal b, boolean strictly) {
    int c = a.compareTo(b);
    return strictly ? c > 0 : c >= 0;
  }

  /** Texts lowered once: the test datasets share a few hundred texts among thousands of runs. */
  private static final Map<String, String> LOWERED = new ConcurrentHashMap<>();

  private static String lower(String text) {
    return LOWERED.computeIfAbsent(text, t -> t.toLowerCase(Locale.ROOT));
  }

  /** The search filter of one query (its LIKE pattern compiled once, not once per run). */
  private static Predicate<StoredRun> search(String search, Defects defects) {
    if (search != null && defects.has(Defect.SEARCH_BACKSLASH_ESCAPE)) {
      StringBuilder unescaped = new StringBuilder();
      for (int i = 0; i < search.length(); i++) {
        if (search.charAt(i) != '\\') {
          unescaped.append(search.charAt(i));
        } else if (i + 1 < search.length()) {
          unescaped.append(search.charAt(++i)); // a backslash escapes the next character
        }
      }
      search = unescaped.toString();
    }
    if (search == null || search.isEmpty()) {
      return run -> true;
    }
    Predicate<String> found;
    if (defects.has(Defect.SEARCH_CASE_SENSITIVE)) {
      String term = search;
      found = text -> text.contains(term);
    } else if (defects.has(Defect.SEARCH_LIKE_WILDCARDS)) {
      StringBuilder regex = new StringBuilder();
      search.toLowerCase(Locale.ROOT).codePoints().forEach(c -> regex.append(
          c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(Character.toString(c))));
      Pattern like = Pattern.compile(regex.toString(), Pattern.DOTALL);
      found = text -> like.matcher(lower(text)).find();
    } else {
      String term = search.toLowerCase(Locale.ROOT);
      found = text -> lower(text).contains(term);
    }
    return run -> Stream.of(run.input(), run.output(), run.error())
        .anyMatch(text -> text != null && found.test(text));
  }
}
