package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.target.ApiRequest;
import dev.runsapi.conformance.target.SchemaViolation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every answer the suite got in this run, validated against the contract by swagger-request-validator
 * (documented status, content type, body schema, headers). Runs last, to see them all; sends three
 * requests of its own so that it has a 200, a 403 and a 422 to look at when run alone.
 */
public final class ResponseSchemaCheck implements Check {

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
        ctx.send(valid);
        ctx.send(valid.withHeaderKey(null));
        ctx.send(valid.setParam("limit", "0"));
        List<SchemaViolation> all = ctx.client().schemaViolations(Duration.ofSeconds(60));
        // One finding per distinct complaint, with the first request that drew it.
        Map<String, SchemaViolation> byMessage = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SchemaViolation v : all) {
            for (String m : v.messages()) {
                String key = v.status() + " " + m.replaceAll("\\[\\d+]", "[*]").replaceAll("\"[^\"]*\"", "\"…\"");
                byMessage.putIfAbsent(key, v);
                counts.merge(key, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, SchemaViolation> e : byMessage.entrySet()) {
            SchemaViolation v = e.getValue();
            String message = v.messages().stream().filter(m -> e.getKey().startsWith(v.status() + " ")).findFirst()
                    .orElse(e.getKey());
            ctx.fail(Finding.of("the answer conforms to the contract's responses of listRuns", ctx.curl(v.request()),
                            "a documented status with a body valid against its schema",
                            v.status() + ": " + firstMatching(v, e.getKey(), message))
                    .withNote("seen in " + counts.get(e.getKey()) + " answer(s) of this run")
                    .withResponse(v.bodyExcerpt()));
        }
    }

    private static String firstMatching(SchemaViolation v, String key, String fallback) {
        for (String m : v.messages()) {
            String k = v.status() + " " + m.replaceAll("\\[\\d+]", "[*]").replaceAll("\"[^\"]*\"", "\"…\"");
            if (k.equals(key)) {
                return m;
            }
        }
        return fallback;
    }
}
