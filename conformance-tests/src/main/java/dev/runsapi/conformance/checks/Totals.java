package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.OptionalLong;

/** Reads only the {@code total} of a query (limit 1), for metamorphic relations that need no full read. */
public final class Totals {

    private Totals() {
    }

    public static OptionalLong of(CheckContext ctx, Query q) {
        ApiRequest req = ctx.request(q.withLimit(1).withPage(null));
        ApiResponse resp = ctx.sendGenerated(req);
        Comparisons.RunsPageOrMismatch r = Comparisons.read(resp);
        if (r.mismatch() != null) {
            ctx.fail(QueryProperty.finding(ctx, req, r.mismatch()));
            return OptionalLong.empty();
        }
        return OptionalLong.of(r.page().total());
    }

    public static Finding relationBroken(CheckContext ctx, String rule, Query q, String expected, String got) {
        return ctx.finding(rule, ctx.request(q.withLimit(1)), expected, got);
    }
}
