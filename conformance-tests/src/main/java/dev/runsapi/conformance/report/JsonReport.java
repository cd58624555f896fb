package dev.runsapi.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * {@code report.json}: the run as data, for bots that comment on pull requests or open tickets. The same
 * content as the human reports (the same distinct findings, read by the same {@link Diagnosis}); its shape
 * is {@code report.schema.json} (a resource of this module, described in the suite's README).
 */
public final class JsonReport {
    /** Version of the report's shape: raised when a field changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "report.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The totals of the run, as the console's closing lines give them. */
    public record Totals(long wallMillis, int requests, int generatedQueries) {
    }

    public static String render(String target, long seed, List<CheckResult> results, Totals totals) {
        Diagnosis d = Diagnosis.of(results);
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("target", target);
        root.put("seed", seed);
        boolean failed = results.stream().anyMatch(r -> r.verdict() == Verdict.FAILED);
        root.put("verdict", failed ? "failed" : "passed");
        ObjectNode t = root.putObject("totals");
        t.put("passed", results.stream().filter(r -> r.verdict() == Verdict.PASSED).count());
        t.put("failed", results.stream().filter(r -> r.verdict() == Verdict.FAILED).count());
        t.put("skipped", results.stream().filter(r -> r.verdict() == Verdict.SKIPPED).count());
        t.put("distinctFindings", d.count());
        t.put("requests", totals.requests());
        t.put("generatedQueries", totals.generatedQueries());
        t.put("wallMillis", totals.wallMillis());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : results) {
            ObjectNode c = checks.addObject();
            c.put("name", r.check());
            c.put("clause", r.clause());
            c.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            if (r.reason() != null) {
                c.put("reason", r.reason());
            }
            c.put("requests", r.requests());
            c.put("generatedQueries", r.generatedQueries());
            c.put("millis", r.millis());
            ArrayNode refs = c.putArray("findings");
            for (FindingRef ref : r.refs()) {
                ObjectNode o = refs.addObject();
                o.put("id", ref.label());
                d.sameCauseAs(ref).ifPresent(e -> o.put("sameCauseAs", e.label()));
                o.put("count", ref.finding().count());
            }
            ArrayNode notes = c.putArray("notes");
            r.notes().forEach(notes::add);
        }
        ArrayNode findings = root.putArray("findings");
        for (FindingRef ref : d.byLayer()) {
            Finding f = ref.finding();
            ObjectNode o = findings.addObject();
            o.put("id", ref.label());
            o.put("check", ref.check());
            o.put("number", ref.number());
            o.put("clause", results.stream().filter(r -> r.check().equals(ref.check())).findFirst()
                    .map(CheckResult::clause).orElse(""));
            o.put("layer", f.layer(ref.check()).label());
            o.put("rule", f.rule());
            o.put("signature", ref.check() + ": " + f.signature());
            putOrNull(o, "kind", f.kind());
            ArrayNode cause = o.putArray("cause");
            if (f.cause() != null) {
                f.cause().forEach(cause::add);
            }
            putOrNull(o, "request", f.curl());
            o.put("expected", f.expected());
            o.put("got", f.got());
            o.put("count", f.count() + d.attributedTo(ref).stream().mapToInt(a -> a.finding().count()).sum());
            ArrayNode examples = o.putArray("examples");
            f.examples().forEach(examples::add);
            ArrayNode missing = o.putArray("missingIds");
            f.missingIds().forEach(missing::add);
            ArrayNode unexpected = o.putArray("unexpectedIds");
            f.unexpectedIds().forEach(unexpected::add);
            putOrNull(o, "note", f.note());
            putOrNull(o, "response", f.responseExcerpt());
            ArrayNode also = o.putArray("alsoSeenIn");
            for (FindingRef a : d.attributedTo(ref)) {
                ObjectNode x = also.addObject();
                x.put("id", a.label());
                x.put("count", a.finding().count());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write report.json", e);
        }
    }

    private static void putOrNull(ObjectNode o, String name, String value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}
