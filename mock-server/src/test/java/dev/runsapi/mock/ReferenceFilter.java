package dev.runsapi.mock;

import dev.runsapi.mock.store.StoredRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * listRuns written plainly from the contract's text, independently of the mock's store: a scan of
 * every run, no index, no cleverness. Queries here are valid ones; each parameter is given once
 * except the array ones.
 */
public final class ReferenceFilter {
  private ReferenceFilter() {}

  /** The page the contract asks for and the total of matching runs. */
  public record Expected(List<String> ids, long total, int page, int limit) {}

  public static Expected answer(List<StoredRun> runs, Map<String, List<String>> params) {
    String app = one(params, "app_id");
    Instant start = OffsetDateTime.parse(one(params, "start_time")).toInstant();
    Instant end = OffsetDateTime.parse(one(params, "end_time")).toInstant();
    List<StoredRun> matching = new ArrayList<>();
    for (StoredRun run : runs) {
      if (!run.appId().equals(app)) {
        continue;
      }
      // the window is inclusive at both ends
      if (run.createdAt().isBefore(start) || run.createdAt().isAfter(end)) {
        continue;
      }
      String search = one(params, "search");
      if (search != null && !search.isEmpty()) {
        String term = search.toLowerCase(Locale.ROOT);
        boolean found = false;
        for (String field : new String[] {run.input(), run.output(), run.error()}) {
          if (field != null && field.toLowerCase(Locale.ROOT).contains(term)) {
            found = true;
          }
        }
        if (!found) {
          continue;
        }
      }
      List<String> models = params.getOrDefault("models", List.of());
      if (!models.isEmpty() && !models.contains(run.name())) {
        continue;
      }
      List<String> tags = params.getOrDefault("tags", List.of());
      if (!tags.isEmpty() && tags.stream().noneMatch(run.tags()::contains)) {
        continue;
      }
      List<String> types = params.getOrDefault("type", List.of());
      if (!types.isEmpty() && !types.contains(run.type())) {
        continue;
      }
      String min = one(params, "min_duration");
      String max = one(params, "max_duration");
      if (min != null || max != null) {
        if (run.endedAt() == null) {
          continue;
        }
        BigDecimal seconds =
            new BigDecimal(run.endedAt().toEpochMilli() - run.createdAt().toEpochMilli())
                .divide(new BigDecimal(1000));
        if (min != null && seconds.compareTo(new BigDecimal(min)) < 0) {
          continue;
        }
        if (max != null && seconds.compareTo(new BigDecimal(max)) > 0) {
          continue;
        }
      }
      matching.add(run);
    }
    Comparator<StoredRun> order =
        Comparator.comparing(StoredRun::createdAt).thenComparing(StoredRun::id);
    if (!"asc".equals(one(params, "order"))) {
      order = order.reversed();
    }
    matching.sort(order);
    int limit = one(params, "limit") == null ? 100 : Integer.parseInt(one(params, "limit"));
    int page = one(params, "page") == null ? 0 : Integer.parseInt(one(params, "page"));
    List<String> ids = new ArrayList<>();
    for (long i = (long) page * limit; i < (long) page * limit + limit && i < matching.size(); i++) {
      ids.add(matching.get((int) i).id());
    }
    return new Expected(ids, matching.size(), page, limit);
  }

  private static String one(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null ? null : values.get(0);
  }
}
