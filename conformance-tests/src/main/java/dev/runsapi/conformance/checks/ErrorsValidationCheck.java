package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.ArrayList;
import java.util.List;

/** 422 for every class of invalid input on every parameter, and no 422 for valid boundary values. */
public final class ErrorsValidationCheck implements Check {

    @Override
    public int phase() {
        return 0;
    }

    @Override
    public String name() {
        return "errors-validation";
    }

    @Override
    public String clause() {
        return "\"422 any parameter missing, malformed, out of range or inconsistent\"; Conventions: Empty values, "
                + "Repeated values; the schema and description of each parameter";
    }

    @Override
    public void run(CheckContext ctx) {
        ApiRequest valid = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        // Invalid input answered otherwise than 422 is one deviation per status answered (a server that answers
        // 400 does so for every parameter), with the cases as its examples.
        for (InvalidCase c : InvalidCases.all(valid)) {
            ApiResponse r = ctx.sendGenerated(c.request());
            if (r.status() != 422) {
                ctx.fail(ctx.finding("invalid input is answered 422", c.request(), "422", r.summary())
                        .withCause(List.of()).withExamples(List.of(c.description())).withResponse(r.bodyExcerpt(300)));
            }
        }
        // A valid value refused is one deviation per value class (a single-instant window, a limit of 1000...).
        for (ApiRequest ok : validBoundaries(valid)) {
            ApiResponse r = ctx.sendGenerated(ok);
            if (r.status() != 200) {
                ctx.fail(ctx.finding("a valid boundary value is accepted", ok, "200", r.summary())
                        .withResponse(r.bodyExcerpt(300)));
            }
        }
    }

    /** Values at the edge of validity that a too strict server would refuse. */
    static List<ApiRequest> validBoundaries(ApiRequest valid) {
        List<ApiRequest> out = new ArrayList<>();
        out.add(valid.setParam("limit", "1"));
        out.add(valid.setParam("limit", "1000"));
        out.add(valid.setParam("page", "1000000"));
        out.add(valid.setParam("min_duration", "0").setParam("max_duration", "0"));
        out.add(valid.setParam("min_duration", "0.25").setParam("max_duration", "30"));
        out.add(valid.setParam("search", "a".repeat(1000)));
        out.add(valid.setParam("search", ""));
        out.add(valid.setParam("models", "m".repeat(200)));
        out.add(valid.setParam("end_time", InvalidCases.value(valid, "start_time")));
        out.add(valid.setParam("start_time", "1999-12-31T19:00:00.000000001-05:00"));
        out.add(valid.withParam("type", "llm").withParam("type", "tool").withParam("type", "chain")
                .withParam("type", "agent"));
        ApiRequest hundred = valid;
        for (int i = 0; i < 100; i++) {
            hundred = hundred.withParam("models", "m" + i);
        }
        out.add(hundred);
        out.add(valid.withParam("unknown_parameter", "whatever"));
        return out;
    }
}
