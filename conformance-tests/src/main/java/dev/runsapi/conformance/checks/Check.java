package dev.runsapi.conformance.checks;

/**
 * One named rule group of the contract. A check reports violations to its context and throws
 * {@link SkipCheckException} when the target holds no data it could be run on.
 */
public interface Check {

    /** The name users select with --only/--skip and that reports carry (ADR 0002). */
    String name();

    /** The clause of openapi/runs-api.yaml the check enforces, quoted or pointed to. */
    String clause();

    void run(CheckContext ctx);

    /**
     * When the check runs: 0 first (error checks, whose findings may steer later checks), 1 the data
     * checks, 2 last and alone (rate-limit, then response-schema).
     */
    default int phase() {
        return 1;
    }
}
