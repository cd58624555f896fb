package dev.runsapi.conformance.checks;

/** The check cannot run on this target (no data for it, or an option not given); the reason is shown. */
public final class SkipCheckException extends RuntimeException {
    public SkipCheckException(String reason) {
        super(reason);
    }
}
