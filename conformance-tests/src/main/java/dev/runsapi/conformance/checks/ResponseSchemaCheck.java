package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.SchemaViolation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every answer the suite got in this run, validated against the contract by swagger-request-validator
 * (documented status, content type, body schema, headers). Runs last, to see them all; sends three
 * requests of its own so that it has a page of runs, a 403 and a 422 to look at when run alone.
 */
public final class ResponseSchemaCheck implements Check {

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public String name() {
        return "response-schema";
    }

    @Override
    public String clause() {
        return "responses of listRuns: the documented status codes, their content types, schemas RunsPage, Run, "
                + "Problem, ValidationProblem and header Retry-After";
    }

    @Override
    public void run(CheckContext ctx) {
        ApiRequest valid = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        ctx.send(ctx.validRequest(Discovery.WIDE_START, Discovery.WIDE_END).setParam("limit", "100"));
        ctx.send(valid.withHeaderKey(null));
        ctx.send(valid.setParam("limit", "0"));
        List<SchemaViolation> all = ctx.client().schemaViolations(Duration.ofSeconds(60));
        // One finding per distinct complaint (indexes and quoted values aside), with the first request that drew it.
        Map<String, Complaint> byKind = new LinkedHashMap<>();
        for (SchemaViolation v : all) {
            for (String m : v.messages()) {
                String kind = v.status() + " " + m.replaceAll("\\[\\d+]", "[*]").replaceAll("/\\d+", "/*")
                        .replaceAll("\"[^\"]*\"", "\"…\"");
                byKind.computeIfAbsent(kind, k -> new Complaint(v, m)).count++;
            }
        }
        for (Map.Entry<String, Complaint> e : byKind.entrySet()) {
            Complaint c = e.getValue();
            ctx.fail(ctx.finding("the answer conforms to the contract's responses of listRuns", c.first.request(),
                            "a documented status with a body valid against its schema",
                            c.first.status() + ": " + c.message)
                    .withKind(e.getKey()).withCause(List.of()).withCount(c.count)
                    .withNote("seen in " + c.count + " answer(s) of this run; a run already validated in an earlier "
                            + "answer is left out, so /data/N counts the runs new to the validator")
                    .withResponse(c.first.bodyExcerpt()));
        }
        var extra = ctx.client().validator().extraProperties();
        if (!extra.isEmpty()) {
            ctx.note("properties the contract does not name (allowed: Conventions, Extra properties): "
                    + String.join(", ", extra));
        }
    }

    private static final class Complaint {
        final SchemaViolation first;
        final String message;
        int count;

        Complaint(SchemaViolation first, String message) {
            this.first = first;
            this.message = message;
        }
    }
}
