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
        ctx.send(ctx.validRequest(Discovery.WIDE_START, Discovery.WIDE_END)
                .setParam("limit", Integer.toString(ctx.limit(100))));
        ctx.send(valid.withHeaderKey(null));
        ctx.send(valid.setParam("limit", "0"));
        List<SchemaViolation> all = ctx.client().schemaViolations(Duration.ofSeconds(60));
        // One finding per distinct complaint: status, keyword and the object it is in (array indices, quoted values
        // and the property's own name left out, so that the four nulls of one user object are one complaint),
        // with the first request that drew it.
        Map<String, Complaint> byKind = new LinkedHashMap<>();
        for (SchemaViolation v : all) {
            for (String m : v.messages()) {
                byKind.computeIfAbsent(kind(v.status(), m), k -> new Complaint(v, m)).count++;
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

    /** The kind of a complaint, e.g. "200 validation.response.body.schema.type in /data/N/user: Instance type (null)". */
    static String kind(int status, String message) {
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("\\[Path '([^']*)'\\]").matcher(message);
        String key = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
        if (!path.find()) {
            return status + " " + message.replaceAll("\\[\\d+]", "[*]").replaceAll("\"[^\"]*\"", "\"…\"");
        }
        String p = path.group(1).replaceAll("/\\d+", "/*");
        String object = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : p;
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("Instance type \\(\\w+\\)").matcher(message);
        return status + " " + key + " in " + (object.isEmpty() ? "/" : object) + (type.find() ? ": " + type.group() : "");
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
