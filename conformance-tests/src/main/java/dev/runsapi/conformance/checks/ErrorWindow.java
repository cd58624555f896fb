package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.oracle.TimeBound;

/** A valid, narrow window for error checks: what it holds does not matter, and small answers are cheap. */
final class ErrorWindow {
    static final TimeBound START = TimeBound.parse("2000-01-01T00:00:00Z");
    static final TimeBound END = TimeBound.parse("2000-01-01T00:00:01Z");

    private ErrorWindow() {
    }
}
