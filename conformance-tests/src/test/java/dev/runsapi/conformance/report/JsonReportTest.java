package dev.runsapi.conformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static CheckResult result(String name, Verdict v, List<Finding> f) {
        return new CheckResult(name, "clause of " + name, v, v == Verdict.SKIPPED ? "why" : null, f,
                List.of("a note"), 3, 2, 1500, 42);
    }

    static List<CheckResult> run() {
        Finding refused = Finding.of("a valid boundary value is accepted", "curl 'http://x/a'", "200", "422 x")
                .withCause(List.of("window=single-instant")).withResponse("{\"status\":422}");
        Finding sameAgain = Finding.of("type keeps the runs", "curl 'http://x/b'", "200 RunsPage", "422 y")
                .withCause(List.of("window=single-instant"));
        Finding tags = Finding.of("tags keeps any", "curl 'http://x/c'", "total 1", "total 2").withKind("runs missing")
                .withCause(List.of("tags=given")).withIds(List.of("m1"), List.of()).withCount(4)
                .withExamples(List.of("m1"));
        return List.of(result("errors-validation", Verdict.FAILED, List.of(refused)),
                result("filter-type", Verdict.FAILED, List.of(sameAgain)),
                result("filter-tags", Verdict.FAILED, List.of(tags)),
                result("rate-limit", Verdict.SKIPPED, List.of()),
                result("robustness", Verdict.PASSED, List.of()));
    }

    static JsonNode render() throws Exception {
        return JSON.readTree(JsonReport.render("http://x", 7, run(), new JsonReport.Totals(10, 20, 30)));
    }

    @Test
    void theReport_isValidAgainstItsSchema() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            schema = JSON.readTree(in);
        }
        ProcessingReport r = JsonSchemaFactory.byDefault().getJsonSchema(schema).validate(render());
        assertTrue(r.isSuccess(), r.toString());
    }

    @Test
    void theReport_holdsTheDistinctFindingsOfTheDiagnosis_andAttributesTheRest() throws Exception {
        JsonNode j = render();
        Diagnosis d = Diagnosis.of(run());
        assertEquals(d.count(), j.path("findings").size());
        assertEquals(2, j.path("totals").path("distinctFindings").asInt());
        assertEquals(d.byLayer().stream().map(FindingRef::label).toList(),
                List.of(j.path("findings").get(0).path("id").asText(), j.path("findings").get(1).path("id").asText()));
        JsonNode refused = j.path("findings").get(0);
        assertEquals("errors-validation #1", refused.path("id").asText());
        assertEquals("filter-type #1", refused.path("alsoSeenIn").get(0).path("id").asText());
        assertEquals(2, refused.path("count").asInt(), "its own occurrence and the attributed one");
        assertEquals("errors-validation #1", j.path("checks").get(1).path("findings").get(0).path("sameCauseAs").asText());
        assertEquals("curl 'http://x/a'", refused.path("request").asText());
        assertEquals(7, j.path("seed").asLong());
        assertEquals("failed", j.path("verdict").asText());
        assertFalse(j.path("checks").get(3).path("reason").isMissingNode());
    }
}
