package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.List;

/** A request and the status the contract requires for it. */
record StatusCase(String rule, ApiRequest request, int status) {

    /**
     * Sends each case and reports every one answered with another status: one finding per status answered
     * in place of the one due ("500 where 403"), with the cases that showed it as its examples, since a
     * server that answers 500 for a missing key does so for every way of missing it.
     */
    static void expectAll(CheckContext ctx, List<StatusCase> cases) {
        for (StatusCase c : cases) {
            ApiResponse r = ctx.sendGenerated(c.request());
            if (r.status() != c.status()) {
                ctx.fail(ctx.finding("each case is answered with the status the contract gives it", c.request(),
                                Integer.toString(c.status()), r.summary())
                        .withCause(List.of()).withExamples(List.of(c.rule())).withResponse(r.bodyExcerpt(300)));
            }
        }
    }
}
