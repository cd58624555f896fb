package dev.runsapi.conformance.suite;

import java.security.SecureRandom;

/** A fresh seed when none is given: printed, so that the run can be replayed. */
public final class Seeds {
    private Seeds() {
    }

    public static long fresh() {
        return new SecureRandom().nextLong() & 0xFFFFFFFFFFFFL;
    }
}
