package dev.runsapi.conformance.wire;

import java.time.Duration;

/**
 * How long a 429 is waited out: as its {@code Retry-After} says, but at most {@code maxWait} per wait
 * and {@code totalCap} over the whole run, so that a target that throttles forever cannot hang CI.
 */
public record RateLimitPolicy(Duration maxWait, Duration totalCap, Duration fallbackWait) {

    public static RateLimitPolicy defaults() {
        return new RateLimitPolicy(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(1));
    }
}
