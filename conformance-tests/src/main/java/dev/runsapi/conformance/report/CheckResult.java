package dev.runsapi.conformance.report;

import java.util.List;

/**
 * The verdict of one check, with the contract clause it enforces, why it was skipped (if it was), its
 * distinct findings (each once, with its count), notes on how it ran (never failures) and what it cost.
 */
public record CheckResult(String check, String clause, Verdict verdict, String reason, List<Finding> findings,
                          List<String> notes, int requests, int generatedQueries, long millis, long seed) {

    public CheckResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public static CheckResult skipped(String check, String clause, String reason, long seed) {
        return new CheckResult(check, clause, Verdict.SKIPPED, reason, List.of(), List.of(), 0, 0, 0, seed);
    }

    /** The distinct findings of this check, numbered from 1 as reports cite them ({@code check #n}). */
    public List<FindingRef> refs() {
        return java.util.stream.IntStream.range(0, findings.size())
                .mapToObj(i -> new FindingRef(check, i + 1, findings.get(i))).toList();
    }
}
