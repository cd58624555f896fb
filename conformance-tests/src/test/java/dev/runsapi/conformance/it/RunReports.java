package dev.runsapi.conformance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files of a run's report directory read back: the distinct findings of report.json, and how many
 * distinct findings summary.txt, the Allure results and the JUnit XML each hold.
 */
final class RunReports {
    static final ObjectMapper JSON = new ObjectMapper()
            // numbers go back out as they came (0.0007055, not 7.055E-4: the contract forbids exponents)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final Pattern DIAGNOSIS = Pattern.compile("(?m)^DIAGNOSIS: (\\d+) distinct deviation");
    private static final Pattern DIAGNOSIS_LINE = Pattern.compile("(?m)^ *\\d+\\. ");

    final Path dir;
    final JsonNode report;

    RunReports(Path dir) throws IOException {
        this.dir = dir;
        this.report = JSON.readTree(dir.resolve("report.json").toFile());
    }

    /** A distinct finding of report.json. */
    record Found(String id, String check, String kind, List<String> cause, String request, JsonNode json) {
    }

    List<Found> findings() {
        List<Found> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            List<String> cause = new ArrayList<>();
            f.path("cause").forEach(c -> cause.add(c.asText()));
            out.add(new Found(f.path("id").asText(), f.path("check").asText(), f.path("kind").asText(""), cause,
                    f.path("request").isNull() ? null : f.path("request").asText(), f));
        }
        return out;
    }

    /** report.json against the module's report.schema.json: no complaint. */
    void assertValidAgainstSchema() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("report.schema.json")) {
            schema = JSON.readTree(in);
        }
        ProcessingReport r = JsonSchemaFactory.byDefault().getJsonSchema(schema).validate(report);
        assertTrue(r.isSuccess(), r.toString());
    }

    /**
     * The same number of distinct findings in summary.txt (its diagnosis line and list), the Allure results
     * (failed tests), the JUnit XML (failed test cases) and report.json; answers that number.
     */
    int assertSameDistinctFindingsEverywhere() throws IOException {
        String summary = Files.readString(dir.resolve("summary.txt"));
        Matcher m = DIAGNOSIS.matcher(summary);
        assertTrue(m.find(), summary);
        int inSummary = Integer.parseInt(m.group(1));
        String list = summary.substring(m.end(), summary.indexOf("\n\n", m.end()) < 0 ? summary.length()
                : summary.indexOf("\n\n", m.end()));
        long listed = DIAGNOSIS_LINE.matcher(list).results().count();
        long allure;
        try (Stream<Path> files = Files.list(dir.resolve("allure-results"))) {
            allure = files.filter(p -> p.toString().endsWith("-result.json")).filter(p -> {
                try {
                    return JSON.readTree(p.toFile()).path("status").asText().equals("failed");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
        long junit;
        try (Stream<Path> files = Files.list(dir.resolve("junit-xml"))) {
            junit = files.filter(p -> p.toString().endsWith(".xml")).mapToLong(p -> {
                try {
                    return Pattern.compile("<failure\\b").matcher(Files.readString(p)).results().count();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        int inJson = report.path("findings").size();
        assertEquals(inSummary, listed, "the diagnosis list has one line per distinct finding\n" + summary);
        assertEquals(inSummary, inJson, "report.json");
        assertEquals(inSummary, report.path("totals").path("distinctFindings").asInt(), "report.json totals");
        assertEquals(inSummary, allure, "failed Allure tests");
        assertEquals(inSummary, junit, "failed JUnit XML test cases");
        for (Found f : findings()) {
            assertTrue(summary.contains(f.id() + ": "), f.id() + " in summary.txt");
        }
        return inSummary;
    }
}
