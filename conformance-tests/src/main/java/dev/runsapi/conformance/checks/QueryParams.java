package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.wire.Param;

import java.util.ArrayList;
import java.util.List;

/** A query written as wire parameters; arrays as repeated parameters, in a fixed order. */
public final class QueryParams {

    private QueryParams() {
    }

    public static List<Param> of(Query q) {
        List<Param> p = new ArrayList<>();
        p.add(Param.of("app_id", q.appId()));
        p.add(Param.of("start_time", q.start().wire()));
        p.add(Param.of("end_time", q.end().wire()));
        if (q.search() != null) {
            p.add(Param.of("search", q.search()));
        }
        q.models().forEach(m -> p.add(Param.of("models", m)));
        q.tags().forEach(t -> p.add(Param.of("tags", t)));
        q.types().forEach(t -> p.add(Param.of("type", t)));
        if (q.minDuration() != null) {
            p.add(Param.of("min_duration", q.minDuration()));
        }
        if (q.maxDuration() != null) {
            p.add(Param.of("max_duration", q.maxDuration()));
        }
        if (q.limit() != null) {
            p.add(Param.of("limit", q.limit().toString()));
        }
        if (q.page() != null) {
            p.add(Param.of("page", q.page().toString()));
        }
        if (q.order() != null) {
            p.add(Param.of("order", q.order()));
        }
        return p;
    }
}
