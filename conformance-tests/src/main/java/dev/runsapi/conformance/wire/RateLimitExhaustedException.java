package dev.runsapi.conformance.wire;

/** The target kept answering 429 beyond the suite's total waiting budget. */
public final class RateLimitExhaustedException extends RuntimeException {
    public RateLimitExhaustedException(String message) {
        super(message);
    }
}
