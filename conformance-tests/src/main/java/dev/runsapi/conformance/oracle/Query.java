package dev.runsapi.conformance.oracle;

import java.util.List;

/**
 * A well-formed query of {@code GET /api/v1/run}, as the contract defines it. Absent optional
 * parameters are null (scalars) or empty lists (arrays); durations are kept as the decimal text sent.
 */
public record Query(String appId, TimeBound start, TimeBound end, String search, List<String> models,
                    List<String> tags, List<String> types, String minDuration, String maxDuration,
                    Integer limit, Integer page, String order) {

    public Query {
        models = List.copyOf(models);
        tags = List.copyOf(tags);
        types = List.copyOf(types);
    }

    public static Query window(String appId, TimeBound start, TimeBound end) {
        return new Query(appId, start, end, null, List.of(), List.of(), List.of(), null, null, null, null, null);
    }

    public Query withWindow(TimeBound s, TimeBound e) {
        return new Query(appId, s, e, search, models, tags, types, minDuration, maxDuration, limit, page, order);
    }

    public Query withSearch(String v) {
        return new Query(appId, start, end, v, models, tags, types, minDuration, maxDuration, limit, page, order);
    }

    public Query withModels(List<String> v) {
        return new Query(appId, start, end, search, v, tags, types, minDuration, maxDuration, limit, page, order);
    }

    public Query withTags(List<String> v) {
        return new Query(appId, start, end, search, models, v, types, minDuration, maxDuration, limit, page, order);
    }

    public Query withTypes(List<String> v) {
        return new Query(appId, start, end, search, models, tags, v, minDuration, maxDuration, limit, page, order);
    }

    public Query withDurations(String min, String max) {
        return new Query(appId, start, end, search, models, tags, types, min, max, limit, page, order);
    }

    public Query withLimit(Integer v) {
        return new Query(appId, start, end, search, models, tags, types, minDuration, maxDuration, v, page, order);
    }

    public Query withPage(Integer v) {
        return new Query(appId, start, end, search, models, tags, types, minDuration, maxDuration, limit, v, order);
    }

    public Query withOrder(String v) {
        return new Query(appId, start, end, search, models, tags, types, minDuration, maxDuration, limit, page, v);
    }

    /** The order that applies: {@code desc} when none is given. */
    public boolean ascending() {
        return "asc".equals(order);
    }

    /** The page size that applies: 100 when none is given. */
    public int effectiveLimit() {
        return limit == null ? 100 : limit;
    }

    public int effectivePage() {
        return page == null ? 0 : page;
    }
}
