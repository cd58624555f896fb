package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The edge inputs the contract decides exactly (ADR 0003: leap seconds, exact decimals and fractions,
 * percent-escapes that are not UTF-8, bare names, lengths in code points, repeated credentials, the order
 * of errors): each answered exactly as decided, status and, for a 422, the parameters named in order.
 * Unlike {@code robustness}, which accepts any 2xx or 4xx for junk, every row here has one right answer.
 */
public final class EdgeInputsCheck implements Check {

    @Override
    public String name() {
        return "errors-edge-inputs";
    }

    @Override
    public String clause() {
        return "the decisions of ADR 0003 in the contract's Conventions, Errors, Outside the operation and the "
                + "parameters' descriptions; each row names its clause";
    }

    @Override
    public int phase() {
        return 0;
    }

    @Override
    public void run(CheckContext ctx) {
        for (EdgeInput row : EdgeInputs.all(ctx.validRequest(ErrorWindow.START, ErrorWindow.END),
                ctx.settings().apiKey())) {
            ApiResponse r = ctx.send(row.request());
            String mismatch = row.mismatch(r);
            if (mismatch != null) {
                // One finding per way of answering wrongly (a status answered in place of the one due, the
                // parameters a 422 names, a WWW-Authenticate), with the rows as its examples: a server that
                // answers 400 for every invalid input does so for every row, and that is one thing to fix.
                String rule = r.status() != row.status()
                        ? "each decided edge input is answered with the status the contract gives it"
                        : row.status() == 422 ? "a 422 names exactly the offending parameters, in declaration order"
                        : "a 403 carries no WWW-Authenticate header (Errors 2)";
                ctx.fail(ctx.finding(rule, row.request(), row.expected(), mismatch).withCause(List.of())
                        .withExamples(List.of(row.description() + " (" + row.clause() + ")"))
                        .withResponse(r.bodyExcerpt(300)));
            }
        }
        if (ctx.settings().hasOtherTenant()) {
            foreignAndMissingAppsLookAlike(ctx);
        }
    }

    /**
     * Errors 4: another tenant's app and an app that does not exist are "not told apart": the same status
     * and the same body, except where it repeats the {@code app_id} sent. (Only when both are 403s: the
     * status itself is errors-auth's and tenant-isolation's to report.)
     */
    private static void foreignAndMissingAppsLookAlike(CheckContext ctx) {
        ApiRequest valid = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        String foreign = ctx.settings().otherAppId();
        String missing = "conformance-no-such-app-" + Long.toUnsignedString(ctx.source().seed(), 36);
        ApiRequest foreignRequest = valid.setParam("app_id", foreign);
        ApiResponse a = ctx.send(foreignRequest);
        ApiResponse b = ctx.send(valid.setParam("app_id", missing));
        if (a.status() != 403 || b.status() != 403 || a.json() == null || b.json() == null) {
            return;
        }
        JsonNode expected = replaced(b.json(), missing, foreign);
        if (!expected.equals(a.json())) {
            ctx.fail(Finding.of("another tenant's app and an app that does not exist are not told apart "
                            + "(Errors, 4: the same answer but for the app_id repeated)", ctx.curl(foreignRequest),
                    "the body answered for app_id=" + missing + " with " + foreign + " in its place: " + expected,
                    a.bodyExcerpt(300)));
        }
    }

    /** A copy of {@code json} with {@code from} replaced by {@code to} in every string and property name. */
    static JsonNode replaced(JsonNode json, String from, String to) {
        if (json.isTextual()) {
            return TextNode.valueOf(json.asText().replace(from, to));
        }
        if (json.isArray()) {
            ArrayNode out = ((ArrayNode) json).arrayNode();
            json.forEach(e -> out.add(replaced(e, from, to)));
            return out;
        }
        if (json.isObject()) {
            ObjectNode out = ((ObjectNode) json).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey().replace(from, to), replaced(e.getValue(), from, to));
            }
            return out;
        }
        return json;
    }
}
