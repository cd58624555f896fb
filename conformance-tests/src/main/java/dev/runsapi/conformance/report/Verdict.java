package dev.runsapi.conformance.report;

/** The outcome of one check. SKIPPED is never counted as passed. */
public enum Verdict {
    PASSED, FAILED, SKIPPED
}
