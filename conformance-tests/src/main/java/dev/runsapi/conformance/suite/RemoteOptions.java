package dev.runsapi.conformance.suite;

import java.time.Duration;

/**
 * How the suite treats a target that is far away and whose data changes while it runs.
 *
 * @param concurrency requests in flight at most (checks of one phase run side by side)
 * @param settle      how far before the suite's start the windows it reads must end, so that runs still
 *                    being ingested (createdAt a little in the past) cannot fall into them
 */
public record RemoteOptions(int concurrency, Duration settle) {
    /**
     * Enough to keep a target 100 ms away busy at the default mock's 30 requests a second and more;
     * few enough that a production service sees a handful of requests at once, not a burst.
     */
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);

    public RemoteOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("--settle must not be negative, got " + settle.toSeconds());
        }
    }

    public static RemoteOptions defaults() {
        return new RemoteOptions(DEFAULT_CONCURRENCY, DEFAULT_SETTLE);
    }
}
