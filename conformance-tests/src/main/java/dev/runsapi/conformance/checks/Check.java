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
     * When the check runs: 0 first (error checks, whose findings may steer later checks), 1 (every other
     * check), 2 last and alone (rate-limit bursts on purpose; response-schema sees every answer). Checks
     * of one phase may run concurrently; what steers a check may flow only from an earlier phase.
     */
    default int phase() {
        return 1;
    }
}
