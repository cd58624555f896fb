package dev.runsapi.conformance.wire;

/** A 200 answer that is not a {@code RunsPage} the suite can read. */
public final class MalformedAnswerException extends RuntimeException {
    public MalformedAnswerException(String message) {
        super(message);
    }
}
