package dev.runsapi.mock.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A validated listRuns query. Empty lists and sets filter nothing; null bounds and a null or empty
 * {@code search} filter nothing.
 *
 * <p>Runs carry millisecond timestamps, so the window bounds are kept to the nanosecond: {@code
 * startInclusive} is the query's start rounded up and {@code endInclusive} its end rounded down,
 * which selects exactly the runs the exact (arbitrary-precision) bounds select.
 */
public record RunQuery(
    String appId,
    Instant startInclusive,
    Instant endInclusive,
    String search,
    List<String> models,
    List<String> tags,
    Set<String> types,
    BigDecimal minDuration,
    BigDecimal maxDuration,
    int limit,
    int page,
    SortOrder order) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int DEFAULT_PAGE = 0;

  public RunQuery {
    models = List.copyOf(models);
    tags = List.copyOf(tags);
    types = Set.copyOf(types);
  }

  public boolean hasDurationBound() {
    return minDuration != null || maxDuration != null;
  }
}
