package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the schema's descriptions say about a run that JSON Schema cannot: UTC millisecond timestamps,
 * duration = endedAt - createdAt (null exactly when endedAt is), tokens.total = prompt + completion,
 * all-zero tokens for tool runs, output null exactly when the run has not ended or failed (ADR 0003),
 * distinct tags, ids unique in the app.
 */
public final class RunFieldsCheck implements Check {
    private static final Pattern UTC_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @Override
    public String name() {
        return "run-fields";
    }

    @Override
    public String clause() {
        return "Conventions: \"Servers write them in UTC (Z) with millisecond precision\"; Run.duration: \"endedAt - "
                + "createdAt in seconds, exact to the millisecond ... null exactly when endedAt is null\"; Run.endedAt: "
                + "\"never before createdAt\"; Tokens.total: \"Always prompt + completion\"; Tokens: \"A tool run calls "
                + "no model: all zero\"; Run.output: \"null exactly when it has not ended or it failed\"; Run.error: "
                + "null \"while it has not ended\"; Run.tags: distinct; Run.id: unique within its app";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("look at");
        Set<String> ids = new HashSet<>();
        for (Baseline.Chunk c : b.chunks()) {
            Query q = ctx.query(c.start(), c.end()).withLimit(b.budget().limit(1000));
            ApiRequest req = ctx.request(q);
            ApiResponse r = ctx.send(req);
            JsonNode data = r.json() == null ? null : r.json().get("data");
            if (r.status() != 200 || data == null || !data.isArray()) {
                ctx.fail(ctx.finding("a valid query is answered 200 with a RunsPage", req, "200 RunsPage",
                        r.summary()));
                return;
            }
            String exponent = exponentIn(r.body());
            if (exponent != null) {
                ctx.fail(Finding.of("JSON numbers are written in plain decimal notation (Outside the operation: "
                        + "\"never with an exponent\")", ctx.curl(req), "no exponent", "the number " + exponent));
            }
            for (JsonNode run : data) {
                String fault = fault(run);
                String id = run.path("id").asText();
                if (fault == null && !ids.add(id)) {
                    fault = "id " + id + " is not unique in the app";
                }
                if (fault != null) {
                    ctx.fail(ctx.finding("run fields keep the rules of their descriptions", req,
                            "run " + id + " consistent", fault).withKind(ruleOf(fault)).withCause(List.of())
                            .withExamples(List.of(id)));
                }
            }
        }
    }

    /** The first number of the JSON text written with an exponent ({@code 7.5E-7}), or null when none is. */
    static String exponentIn(String json) {
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isNumeric() && (p.getText().indexOf('e') >= 0 || p.getText().indexOf('E') >= 0)) {
                    return p.getText();
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null; // not JSON: the schema check reports that
        }
    }

    /** The rule a fault breaks, without the run's id and values: one deviation whatever run shows it. */
    static String ruleOf(String fault) {
        return fault.replaceFirst("^run \\S+: ", "").replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", "T").replaceAll("-?\\d+(\\.\\d+)?", "N")
                .replaceAll("(id|tag) \\S+ ", "$1 … ");
    }

    static String fault(JsonNode run) {
        String id = run.path("id").asText();
        String created = run.path("createdAt").asText();
        if (!UTC_MILLIS.matcher(created).matches()) {
            return "run " + id + ": createdAt '" + created + "' is not UTC with millisecond precision";
        }
        JsonNode ended = run.get("endedAt");
        JsonNode duration = run.get("duration");
        boolean hasEnd = ended != null && !ended.isNull();
        boolean hasDuration = duration != null && !duration.isNull();
        if (hasEnd != hasDuration) {
            return "run " + id + ": duration is " + (hasDuration ? "set" : "null") + " but endedAt is "
                    + (hasEnd ? "set" : "null");
        }
        if (hasEnd) {
            if (!UTC_MILLIS.matcher(ended.asText()).matches()) {
                return "run " + id + ": endedAt '" + ended.asText() + "' is not UTC with millisecond precision";
            }
            Instant c = Instant.parse(created);
            Instant e = Instant.parse(ended.asText());
            if (e.isBefore(c)) {
                return "run " + id + ": endedAt " + e + " is before createdAt " + c;
            }
            BigDecimal expected = BigDecimal.valueOf(Duration.between(c, e).toMillis(), 3);
            BigDecimal got = duration.isNumber() ? duration.decimalValue() : null;
            if (got == null || got.compareTo(expected) != 0) {
                return "run " + id + ": duration " + duration + " is not endedAt - createdAt = "
                        + expected.stripTrailingZeros().toPlainString() + " s";
            }
        }
        JsonNode tokens = run.get("tokens");
        if (tokens != null && tokens.isObject()) {
            long p = tokens.path("prompt").asLong();
            long co = tokens.path("completion").asLong();
            long t = tokens.path("total").asLong();
            if (p + co != t) {
                return "run " + id + ": tokens.total " + t + " is not prompt + completion = " + (p + co);
            }
        }
        if ("tool".equals(run.path("type").asText()) && tokens != null && tokens.isObject()
                && (tokens.path("prompt").asLong() != 0 || tokens.path("completion").asLong() != 0)) {
            return "run " + id + ": a tool run has tokens " + tokens + ", not all zero";
        }
        boolean hasOutput = run.has("output") && !run.get("output").isNull();
        boolean hasError = run.has("error") && !run.get("error").isNull();
        if (!hasEnd && (hasOutput || hasError)) {
            return "run " + id + ": has not ended but has " + (hasOutput ? "an output" : "an error");
        }
        if (hasEnd && hasOutput == hasError) {
            return "run " + id + ": ended with " + (hasOutput ? "both an output and an error" : "neither output nor error");
        }
        JsonNode tags = run.get("tags");
        if (tags != null && tags.isArray()) {
            Set<String> seen = new HashSet<>();
            for (JsonNode t : tags) {
                if (!seen.add(t.asText())) {
                    return "run " + id + ": tag '" + t.asText() + "' appears twice";
                }
            }
        }
        return null;
    }
}
