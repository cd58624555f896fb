package dev.runsapi.conformance.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextReportTest {
    static CheckResult result(String name, Verdict v, List<Finding> f) {
        return new CheckResult(name, "clause of " + name, v, v == Verdict.SKIPPED ? "no tags on the target" : null, f, 0,
                3, 2, 1500, 42);
    }

    @Test
    void closingLine_countsEachVerdict() {
        List<CheckResult> rs = List.of(result("a", Verdict.PASSED, List.of()), result("b", Verdict.PASSED, List.of()),
                result("c", Verdict.FAILED, List.of(Finding.of("r", "curl x", "1", "2"))),
                result("d", Verdict.SKIPPED, List.of()));
        assertEquals("2 passed, 1 failed, 1 skipped", TextReport.closingLine(rs));
    }

    @Test
    void table_showsVerdictsRequestsTimeAndSkipReasons() {
        String t = TextReport.table(List.of(result("filter-tags", Verdict.SKIPPED, List.of())), 12_345, 600, 512);
        assertTrue(t.contains("filter-tags"));
        assertTrue(t.contains("SKIPPED"));
        assertTrue(t.contains("no tags on the target"));
        assertTrue(t.contains("wall time 12.3 s, 600 requests sent, 512 generated queries"));
    }

    @Test
    void failure_showsClauseRequestExpectedGotIdsAndSeed() {
        Finding f = Finding.of("type keeps the runs of the type", "curl 'http://x'", "total 2", "total 3")
                .withIds(List.of("m1"), List.of("u1", "u2"));
        String text = TextReport.failure(result("filter-type", Verdict.FAILED, List.of(f)));
        assertTrue(text.startsWith("FAILED filter-type\n"));
        assertTrue(text.contains("contract: clause of filter-type"));
        assertTrue(text.contains("request:  curl 'http://x'"));
        assertTrue(text.contains("expected: total 2"));
        assertTrue(text.contains("got:      total 3"));
        assertTrue(text.contains("missing runs (1): m1"));
        assertTrue(text.contains("unexpected runs (2): u1, u2"));
        assertTrue(text.contains("seed: 42 (replay with --seed 42)"));
    }
}
