package dev.runsapi.conformance.engine;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The only source of randomness of the suite. Everything generated from one seed is reproducible:
 * a {@link #fork(String)} with the same label always yields the same stream, so a check's queries do
 * not depend on which other checks ran before it.
 */
public final class Source {
    private final long seed;
    private final SplittableRandom random;

    public Source(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** A new independent source whose stream depends only on this source's seed and the label. */
    public Source fork(String label) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < label.length(); i++) {
            h = (h ^ label.charAt(i)) * 0x100000001B3L;
        }
        return new Source(h ^ (h >>> 31));
    }

    /** Uniform in [lo, hi], both inclusive. */
    public int between(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        return (int) (lo + random.nextLong((long) hi - lo + 1));
    }

    /** Uniform in [lo, hi], both inclusive. */
    public long between(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        if (hi - lo == Long.MAX_VALUE || hi - lo < 0) {
            return lo + (random.nextLong() & Long.MAX_VALUE);
        }
        return lo + random.nextLong(hi - lo + 1);
    }

    /** True with probability p. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick from");
        }
        return values.get(random.nextInt(values.size()));
    }
}
