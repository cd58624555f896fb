package dev.runsapi.conformance.discovery;

import java.util.Locale;

/**
 * How much the suite reads, decided from how big the target's runs are: a page never asks for more
 * than about {@link #ANSWER_BYTES} of runs, and the baseline (which the checks read again and again,
 * whole or in parts) holds at most {@code maxRuns} runs and about {@link #BASELINE_BYTES}, whichever
 * comes first. Runs of a few hundred bytes (the mock's own) meet neither bound: pages of 1000 and a
 * baseline of 1500 runs, as before the budget existed. Runs of 64 KB get pages of 63 and a baseline of
 * about 190 runs (11 MB): the same windows, boundaries and probes over fewer runs, and the default run
 * reads about a gigabyte instead of tens.
 *
 * @param bytesPerRun the largest run seen so far, in bytes of JSON
 * @param pageSize    the {@code limit} of every full read: at most 1000 (the contract's maximum)
 */
public record Budget(long bytesPerRun, int pageSize, int maxRuns) {
    /** What one answer should carry at most: quick to send, parse and validate, small in memory. */
    public static final long ANSWER_BYTES = 4L << 20;
    /**
     * The baseline's size in bytes. The default run reads it, whole or filtered, some eighty times over;
     * 8 MiB keeps that under a gigabyte at any run size (a baseline of the mock's own runs is about 1 MiB).
     */
    public static final long BASELINE_BYTES = 8L << 20;
    /**
     * The fewest runs a baseline holds whatever their size, bytes permitting up to 120 runs of 256 KB: enough
     * for a default page of 100 to be told from a larger one, for ties of createdAt, and for every filter.
     */
    public static final int MIN_RUNS = 120;
    /** The contract's largest {@code limit}. */
    public static final int MAX_PAGE = 1000;

    /** The budget for runs of at most {@code bytesPerRun} bytes. */
    public static Budget forRunsOf(long bytesPerRun, int maxRuns) {
        long b = Math.max(1, bytesPerRun);
        int page = (int) Math.max(1, Math.min(MAX_PAGE, ANSWER_BYTES / b));
        return new Budget(b, page, maxRuns);
    }

    /** The budget once a run of {@code bytes} was seen: pages only ever shrink. */
    public Budget seen(long bytes) {
        return bytes <= bytesPerRun ? this : forRunsOf(bytes, maxRuns);
    }

    /** Whether a baseline of {@code runs} runs and {@code bytes} bytes is big enough. */
    public boolean full(int runs, long bytes) {
        return runs >= maxRuns || (bytes >= BASELINE_BYTES && runs >= MIN_RUNS);
    }

    /** {@code wanted}, or the page size when that is smaller: for reads that want many runs in one answer. */
    public int limit(int wanted) {
        return Math.min(wanted, pageSize);
    }

    /** Whether the runs are big enough for the budget to bind (else everything reads as it always did). */
    public boolean binds() {
        return pageSize < MAX_PAGE;
    }

    public String describe() {
        return String.format(Locale.ROOT, "runs of up to %s, pages of %d runs (about %s an answer at most), "
                + "a baseline of at most %d runs and %s (at least %d runs)", bytes(bytesPerRun), pageSize,
                bytes(ANSWER_BYTES), maxRuns, bytes(BASELINE_BYTES), MIN_RUNS);
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
}
