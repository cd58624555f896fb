package dev.runsapi.conformance.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextReportTest {
    static CheckResult result(String name, Verdict v, List<Finding> f) {
        return new CheckResult(name, "clause of " + name, v, v == Verdict.SKIPPED ? "no tags on the target" : null, f,
                List.of(), 3, 2, 1500, 42);
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
        assertTrue(!t.contains("429"), "no 429 line when nothing was throttled");
    }

    @Test
    void table_saysThatTheWaitsAreSummedOverTheWorkers() {
        // eight workers waiting side by side: 20 s of waits in a 12 s run is no contradiction, if it says so
        String t = TextReport.table(List.of(result("filter-tags", Verdict.PASSED, List.of())), 12_000, 600, 512, 3,
                20_000);
        assertTrue(t.contains("wall time 12.0 s, 600 requests sent, 512 generated queries, 3 answered 429 "
                + "(20.0 s of waiting, summed over the workers)"), t);
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

    @Test
    void failure_showsEveryDistinctFindingWithItsCountAndExamples_andNoCapInFiles() {
        List<Finding> many = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(Finding.of("rule " + i, "curl " + i, "200", "422 application/problem+json")
                    .withCause(List.of("limit=" + i)).withCount(3).withExamples(List.of("id-" + i)));
        }
        CheckResult r = result("errors-validation", Verdict.FAILED, many);
        String all = TextReport.failure(r, Diagnosis.of(List.of(r)));
        for (int i = 0; i < 12; i++) {
            assertTrue(all.contains("[" + (i + 1) + "] rule " + i + "\n"), all);
        }
        assertTrue(all.contains("deviation: 422 where 200 (limit=11)"), all);
        assertTrue(all.contains("seen:     3 time(s); e.g. id-11"), all);
        String console = TextReport.failure(r, Diagnosis.of(List.of(r)), 5);
        assertTrue(console.contains("... and 7 more distinct finding(s) of this check: see summary.txt"), console);
    }

    @Test
    void aFindingWithClassesButNoKind_showsTheClassesAlone() {
        // the metamorphic relations (totals that must add up) have no kind of deviation, only a request
        Finding relation = Finding.of("the totals add up", "curl x", "sum of totals 1", "sum 4")
                .withCause(List.of("limit=given"));
        CheckResult r = result("filter-type", Verdict.FAILED, List.of(relation));
        String text = TextReport.failure(r, Diagnosis.of(List.of(r)));
        assertTrue(text.contains("      deviation: (limit=given)\n"), text);
    }

    @Test
    void aFindingWithTheCauseOfAnEarlierCheck_isAttributedNotRepeated() {
        Finding refused = Finding.of("a valid boundary value is accepted", "curl a", "200", "422 x")
                .withCause(List.of("window=single-instant"));
        Finding sameInFilter = Finding.of("type keeps the runs of the type", "curl b", "200 RunsPage", "422 y")
                .withCause(List.of("window=single-instant"));
        CheckResult first = result("errors-validation", Verdict.FAILED, List.of(Finding.of("x", "c", "422", "400 z")
                .withCause(List.of()), refused));
        CheckResult later = result("filter-type", Verdict.FAILED, List.of(sameInFilter));
        Diagnosis d = Diagnosis.of(List.of(first, later));
        assertEquals(2, d.count());
        String text = TextReport.failure(later, d);
        assertTrue(text.contains("[1] same cause as errors-validation #2: "), text);
        assertTrue(!text.contains("request:  curl b"), text);
        String diagnosis = TextReport.diagnosis(d);
        assertTrue(diagnosis.startsWith("DIAGNOSIS: 2 distinct deviation(s)"), diagnosis);
        assertEquals(3, diagnosis.lines().count(), diagnosis);
    }

    @Test
    void oneWrongErrorStatus_seenByFourChecks_isOneDeviation() {
        // a server answering 400 where 422 is due: errors-validation, errors-precedence, errors-edge-inputs
        // and the schema's "400 not defined" all see the same decision
        Finding validation = Finding.of("invalid input is answered 422", "curl a", "422", "400 x").withCause(List.of());
        Finding precedence = Finding.of("each case is answered with the status the contract gives it", "curl b",
                "422", "400 y").withCause(List.of());
        Finding edge = Finding.of("each decided edge input is answered with its status", "curl c", "422", "400 z")
                .withCause(List.of());
        Finding undefined = Finding.of("the answer conforms", "curl d", "a defined status", "400")
                .withKind("400 validation.response.status.unknown: Response status 400 not defined.")
                .withCause(List.of());
        Diagnosis d = Diagnosis.of(List.of(result("errors-validation", Verdict.FAILED, List.of(validation)),
                result("errors-precedence", Verdict.FAILED, List.of(precedence)),
                result("errors-edge-inputs", Verdict.FAILED, List.of(edge)),
                result("response-schema", Verdict.FAILED, List.of(undefined))));
        assertEquals(1, d.count(), TextReport.diagnosis(d));
        assertEquals(3, d.attributedTo(d.distinct().get(0)).size());
    }

    @Test
    void differentStatusDecisions_andMissingValidations_stayDistinct() {
        Finding accepted = Finding.of("invalid input is answered 422", "curl a", "422", "200 x").withCause(List.of());
        Finding acceptedEdge = Finding.of("each decided edge input is answered with its status", "curl b", "422",
                "200 y").withCause(List.of());
        Finding authStatus = Finding.of("a missing key is answered 403", "curl c", "403", "400 z").withCause(List.of());
        Finding validationStatus = Finding.of("invalid input is answered 422", "curl d", "422", "400 w")
                .withCause(List.of());
        Finding undefined500 = Finding.of("the answer conforms", "curl e", "a defined status", "500")
                .withKind("500 validation.response.status.unknown: Response status 500 not defined.")
                .withCause(List.of());
        Diagnosis d = Diagnosis.of(List.of(result("errors-validation", Verdict.FAILED, List.of(accepted)),
                result("errors-auth", Verdict.FAILED, List.of(authStatus)),
                result("errors-precedence", Verdict.FAILED, List.of(validationStatus)),
                result("errors-edge-inputs", Verdict.FAILED, List.of(acceptedEdge)),
                result("response-schema", Verdict.FAILED, List.of(undefined500))));
        // 200 where 422 twice: two missing validations; 400 where 403 and 400 where 422: two status decisions;
        // 500 not defined: no 500 was reported as a wrong status before it
        assertEquals(5, d.count(), TextReport.diagnosis(d));
    }

    @Test
    void diagnosis_listsTheMostBasicLayerFirst() {
        CheckResult sem = result("filter-tags", Verdict.FAILED, List.of(Finding.of("tags", "c", "total 1", "total 2")));
        CheckResult schema = result("response-schema", Verdict.FAILED, List.of(Finding.of("schema", "c", "a", "b")));
        CheckResult status = result("errors-validation", Verdict.FAILED, List.of(Finding.of("v", "c", "422", "400")));
        List<String> lines = TextReport.diagnosis(Diagnosis.of(List.of(sem, schema, status))).lines().skip(1).toList();
        assertTrue(lines.get(0).contains("status") && lines.get(0).contains("errors-validation #1"), lines.toString());
        assertTrue(lines.get(1).contains("schema"), lines.toString());
        assertTrue(lines.get(2).contains("semantics"), lines.toString());
    }
}
