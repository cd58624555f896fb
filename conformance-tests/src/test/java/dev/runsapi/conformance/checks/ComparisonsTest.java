package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.oracle.TimeBound;
import dev.runsapi.conformance.wire.ApiResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonsTest {
    static final Instant T = Instant.parse("2024-05-01T12:00:00Z");
    static final List<Run> RUNS = List.of(run("b", 0), run("a", 0), run("c", 1));

    static Run run(String id, long millis) {
        return new Run(id, "llm", "m", T.plusMillis(millis), null, null, List.of(), "x", null, null);
    }

    static Query all() {
        return Query.window("app", TimeBound.of(T), TimeBound.of(T.plusSeconds(1))).withLimit(1000);
    }

    static ApiResponse answer(long total, String... ids) throws Exception {
        String data = java.util.Arrays.stream(ids).map(id -> {
            Run r = RUNS.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            return "{\"id\":\"" + id + "\",\"createdAt\":\"" + r.createdAt() + "\"}";
        }).collect(Collectors.joining(","));
        String body = "{\"data\":[" + data + "],\"total\":" + total + ",\"page\":0,\"limit\":1000}";
        return new ApiResponse(200, Map.of(), body, new ObjectMapper().readTree(body));
    }

    @Test
    void asSet_namesTheMissingAndTheUnexpectedRuns() throws Exception {
        Expected exp = Oracle.answer(RUNS, all().withModels(List.of("m")));
        Mismatch m = Comparisons.asSet(Oracle.answer(RUNS.subList(0, 2), all()), answer(2, "a", "c"), "r").orElseThrow();
        assertEquals(List.of("b"), m.missing());
        assertEquals(List.of("c"), m.unexpected());
        assertTrue(Comparisons.asSet(exp, answer(3, "c", "a", "b"), "r").isEmpty(), "any order will do for a set");
    }

    @Test
    void asSet_aRightPageUnderAWrongTotal_isATotalDeviation_aShortPageIsRunsMissing() throws Exception {
        Expected whole = Oracle.answer(RUNS, all());
        assertEquals("total", Comparisons.asSet(whole, answer(5, "a", "b", "c"), "r").orElseThrow().kindOrSets());
        Expected partial = Oracle.answer(RUNS, all().withLimit(2)); // 3 match, 2 a page
        // the page holds two matching runs, as it should: only the count is wrong (a server counting the page)
        assertEquals("total", Comparisons.asSet(partial, answer(2, "a", "b"), "r").orElseThrow().kindOrSets());
        // a page with fewer runs than due: runs are missing, whatever the total says
        assertEquals("runs missing", Comparisons.asSet(partial, answer(3, "a"), "r").orElseThrow().kindOrSets());
        assertEquals("runs missing", Comparisons.asSet(partial, answer(1, "a"), "r").orElseThrow().kindOrSets());
    }

    @Test
    void inOrder_acceptsTheContractOrderAndReportsATieOutOfOrder() throws Exception {
        Expected asc = Oracle.answer(RUNS, all().withOrder("asc"));
        assertTrue(Comparisons.inOrder(true, asc, answer(3, "a", "b", "c")).isEmpty());
        Mismatch m = Comparisons.inOrder(true, asc, answer(3, "b", "a", "c")).orElseThrow();
        assertTrue(m.expected().startsWith("asc: a ("), m.expected());
        assertEquals("order of ties", m.kind());
        Expected desc = Oracle.answer(RUNS, all());
        assertTrue(Comparisons.inOrder(false, desc, answer(3, "c", "b", "a")).isEmpty());
        assertTrue(Comparisons.inOrder(false, desc, answer(3, "a", "b", "c")).isPresent());
    }

    @Test
    void inOrder_leavesWhichRunsToTheFilterChecks() throws Exception {
        Expected asc = Oracle.answer(RUNS, all().withOrder("asc"));
        assertTrue(Comparisons.inOrder(true, asc, answer(2, "a", "c")).isEmpty());
    }

    @Test
    void asSlice_showsTheFirstPositionWhereTheOrderDiffers_withItsRunsAndTheirCreatedAt() throws Exception {
        Expected exp = Oracle.answer(RUNS, all().withOrder("asc"));
        Mismatch m = Comparisons.asSlice(exp, answer(3, "b", "a", "c"), "r").orElseThrow();
        assertEquals("order of ties", m.kind(), m.toString());
        assertTrue(m.expected().contains("first difference at position 0: [0] a " + T), m.expected());
        assertTrue(m.got().contains("first difference at position 0: [0] b " + T + ", [1] a " + T), m.got());
    }

    @Test
    void asSlice_aPageOfOtherRuns_isAPageSliceDeviation() throws Exception {
        Expected exp = Oracle.answer(RUNS, all().withOrder("asc").withLimit(2));
        Mismatch m = Comparisons.asSlice(exp, answer(3, "a", "c"), "r").orElseThrow();
        assertEquals("page slice", m.kind(), m.toString());
        assertTrue(m.got().contains("position 1: [0] a " + T + ", [1] c "), m.got());
    }
}
