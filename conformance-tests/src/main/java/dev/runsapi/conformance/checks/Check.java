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
     * When the check runs: phase 0 first (error checks: their findings may steer later checks), then
     * phase 1 (every other check), then phase 2 (rate-limit, which bursts on purpose, and response-schema,
     * which sees every answer), one after the other. Knowledge flows only from phase 0 into phase 1.
     */
    default int phase() {
        return 1;
    }
}
