package dev.runsapi.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runsapi.conformance.oracle.Run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A 200 answer read as the contract's {@code RunsPage}. */
public record RunsPage(List<Run> data, long total, int page, int limit) {

    public List<String> ids() {
        return data.stream().map(Run::id).toList();
    }

    /**
     * Reads a RunsPage. Lenient where a lenient reading changes no query result (a duration written as
     * a numeric string is read as its number; {@code response-schema} reports the string), strict where
     * the suite could not compute anything (missing ids, unreadable timestamps).
     */
    public static RunsPage from(ApiResponse response) {
        JsonNode root = response.json();
        if (response.cutOff() != null) {
            throw new MalformedAnswerException("the answer (" + response.status() + ") was cut off: "
                    + response.cutOff());
        }
        if (response.status() != 200) {
            throw new MalformedAnswerException("expected 200, got " + response.summary() + ": "
                    + response.bodyExcerpt(300));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedAnswerException("the 200 body is not a JSON object: " + response.bodyExcerpt(200));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new MalformedAnswerException("the 200 body has no array 'data'");
        }
        List<Run> runs = new ArrayList<>(data.size());
        for (JsonNode n : data) {
            runs.add(run(n));
        }
        return new RunsPage(runs, integer(root, "total"), (int) integer(root, "page"), (int) integer(root, "limit"));
    }

    private static long integer(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new MalformedAnswerException("the 200 body has no integer '" + field + "'");
        }
        return n.asLong();
    }

    static Run run(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new MalformedAnswerException("a run is not a JSON object");
        }
        String id = text(n, "id", true);
        if (id == null || id.isEmpty()) {
            throw new MalformedAnswerException("a run has no id");
        }
        List<String> tags = new ArrayList<>();
        JsonNode t = n.get("tags");
        if (t != null && t.isArray()) {
            t.forEach(x -> tags.add(x.asText()));
        }
        return new Run(id, text(n, "type", false), text(n, "name", false), instant(n, "createdAt", id, true),
                instant(n, "endedAt", id, false), decimal(n, "duration"), tags, text(n, "input", false),
                text(n, "output", false), text(n, "error", false));
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new MalformedAnswerException("a run has no '" + field + "'");
            }
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static Instant instant(JsonNode n, String field, String id, boolean required) {
        String s = text(n, field, required);
        if (s == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedAnswerException("run " + id + " has an unreadable " + field + " '" + s + "'");
        }
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
