package dev.runsapi.conformance.wire;

/** The target could not be reached or did not answer in time. Ends the run with exit code 2. */
public final class TargetUnreachableException extends RuntimeException {
    public TargetUnreachableException(String message) {
        super(message);
    }
}
