package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.List;

/** A request and the status the contract requires for it. */
record StatusCase(String rule, ApiRequest request, int status) {

    /** Sends each case and reports every one answered with another status. */
    static void expectAll(CheckContext ctx, List<StatusCase> cases) {
        for (StatusCase c : cases) {
            ApiResponse r = ctx.sendGenerated(c.request());
            if (r.status() != c.status()) {
                ctx.fail(Finding.of(c.rule(), ctx.curl(c.request()), Integer.toString(c.status()), r.summary())
                        .withResponse(r.bodyExcerpt(300)));
            }
        }
    }
}
