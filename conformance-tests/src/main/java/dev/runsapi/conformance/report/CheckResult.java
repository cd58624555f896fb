package dev.runsapi.conformance.report;

import java.util.List;

/**
 * The verdict of one check, with the contract clause it enforces, why it was skipped (if it was),
 * the findings and what it cost.
 */
public record CheckResult(String check, String clause, Verdict verdict, String reason, List<Finding> findings,
                          int moreFindings, int requests, int generatedQueries, long millis, long seed) {

    public CheckResult {
        findings = List.copyOf(findings);
    }

    public static CheckResult skipped(String check, String clause, String reason, long seed) {
        return new CheckResult(check, clause, Verdict.SKIPPED, reason, List.of(), 0, 0, 0, 0, seed);
    }
}
