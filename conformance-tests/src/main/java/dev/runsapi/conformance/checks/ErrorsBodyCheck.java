package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Problem details bodies: problem+json, status repeated, and a 422 naming each offending parameter once. */
public final class ErrorsBodyCheck implements Check {

    @Override
    public int phase() {
        return 0;
    }

    @Override
    public String name() {
        return "errors-body";
    }

    @Override
    public String clause() {
        return "\"Every 4xx and 5xx answer has an application/problem+json body (RFC 9457, schema Problem)\"; "
                + "Problem.status: \"The HTTP status code of the answer, repeated\"; 422: \"errors names each offending "
                + "parameter once\"; \"One 422 lists every offending parameter\"";
    }

    @Override
    public void run(CheckContext ctx) {
        ApiRequest valid = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        List<InvalidCase> cases = new ArrayList<>(InvalidCases.multiple(valid));
        List<InvalidCase> singles = InvalidCases.all(valid);
        for (int i = 0; i < singles.size(); i += 4) {
            cases.add(singles.get(i));
        }
        for (InvalidCase c : cases) {
            ApiResponse r = ctx.sendGenerated(c.request());
            String problem = problemBodyFault(r);
            if (problem != null) {
                ctx.fail(ctx.finding("a " + r.status() + " has a problem+json body whose status is the HTTP status", c.request(), "problem+json with status " + r.status(), problem)
                        .withResponse(r.bodyExcerpt(300)));
                continue;
            }
            if (!namesParameters(r)) {
                continue; // the status itself is errors-validation's business
            }
            String names = namingFault(r.json(), c);
            if (names != null) {
                // One rule for every case, the kind of fault as the kind: a server that names no parameter does
                // so for every invalid input, and that is one deviation, with the cases as its examples.
                ctx.fail(ctx.finding(NAMING_RULE, c.request(), describe(c), names).withKind(namingKind(names))
                        .withCause(List.of()).withExamples(List.of(c.description())).withResponse(r.bodyExcerpt(300)));
            }
        }
        ApiRequest anon = valid.withHeaderKey(null);
        ApiResponse r = ctx.sendGenerated(anon);
        String problem = problemBodyFault(r);
        if (r.status() >= 400 && problem != null) {
            ctx.fail(ctx.finding("a " + r.status() + " has a problem+json body whose status is the HTTP status", anon, "problem+json with status " + r.status(), problem).withResponse(r.bodyExcerpt(300)));
        }
    }

    static final String NAMING_RULE = "the answer to an invalid input names each offending parameter exactly once";

    /**
     * Whether the answer to an invalid input is one whose errors list is read: a 422, or a 400 (the usual
     * misreading of the status). The contract promises both a 422 and a list naming the offending
     * parameters; a server answering 400 has its status reported by errors-validation, and whether its answer
     * names the parameters is a deviation of its own that would otherwise stay unseen behind the status.
     * Other statuses (401, 403, 429, 5xx) are answers to something else than the invalid input.
     */
    static boolean namesParameters(ApiResponse r) {
        return r.status() == 422 || r.status() == 400;
    }

    /** The kind of a naming fault, from {@link #namingFault}'s text: what is wrong, not with which names. */
    static String namingKind(String fault) {
        if (fault.equals("no errors list")) {
            return fault;
        }
        List<String> kinds = new ArrayList<>();
        if (fault.contains("(no parameter field)")) {
            kinds.add("an error without its parameter");
        }
        if (fault.contains(", missing [")) {
            kinds.add("offending parameter not named");
        }
        if (fault.contains(", more than once: ")) {
            kinds.add("parameter named twice");
        }
        if (fault.contains(", not at fault [") && !fault.contains("(no parameter field)")) {
            kinds.add("parameter not at fault named");
        }
        if (fault.contains(", none of [")) {
            kinds.add("none of the parameters at fault named");
        }
        return String.join(", ", kinds);
    }

    private static String describe(InvalidCase c) {
        if (c.oneOf().isEmpty()) {
            return "errors naming exactly " + new TreeSet<>(c.named());
        }
        return "errors naming at least one of " + new TreeSet<>(c.oneOf()) + " and nothing else";
    }

    /** Null when the body is a problem+json object with the right status and the required fields. */
    static String problemBodyFault(ApiResponse r) {
        if (r.status() < 400) {
            return null;
        }
        if (!"application/problem+json".equals(r.mediaType())) {
            return "content type " + (r.mediaType().isEmpty() ? "(none)" : r.mediaType());
        }
        JsonNode b = r.json();
        if (b == null || !b.isObject()) {
            return "a body that is not a JSON object";
        }
        JsonNode status = b.get("status");
        if (status == null || !status.isIntegralNumber() || status.asInt() != r.status()) {
            return "status field " + status + " in a " + r.status();
        }
        for (String f : List.of("type", "title", "detail")) {
            if (b.get(f) == null || !b.get(f).isTextual()) {
                return "no string field '" + f + "'";
            }
        }
        return null;
    }

    /** Null when errors[] names exactly the offending parameters, each once. */
    static String namingFault(JsonNode body, InvalidCase c) {
        JsonNode errors = body == null ? null : body.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return "no errors list";
        }
        Map<String, Integer> count = new HashMap<>();
        for (JsonNode e : errors) {
            JsonNode p = e.get("parameter");
            count.merge(p == null ? "(no parameter field)" : p.asText(), 1, Integer::sum);
        }
        List<String> twice = count.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        Set<String> named = new TreeSet<>(count.keySet());
        Set<String> missing = new TreeSet<>(c.named());
        missing.removeAll(named);
        Set<String> extra = new TreeSet<>(named);
        extra.removeAll(c.mayName());
        boolean oneOfMissing = !c.oneOf().isEmpty() && c.oneOf().stream().noneMatch(named::contains);
        if (twice.isEmpty() && missing.isEmpty() && extra.isEmpty() && !oneOfMissing) {
            return null;
        }
        return "errors naming " + named + (twice.isEmpty() ? "" : ", more than once: " + twice)
                + (missing.isEmpty() ? "" : ", missing " + missing) + (extra.isEmpty() ? "" : ", not at fault " + extra)
                + (oneOfMissing ? ", none of " + new TreeSet<>(c.oneOf()) : "");
    }
}
