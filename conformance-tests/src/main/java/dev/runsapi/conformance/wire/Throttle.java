package dev.runsapi.conformance.wire;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * When the next request may go out, one instance shared by every worker of a run, so that the workers
 * together behave towards the target as one polite client:
 * <ul>
 *   <li>at most {@code maxInFlight} requests in flight, starting from one and growing by one for each
 *       second that passes without a 429 (a slow start: before the target's rate is known, a burst of
 *       parallel requests would collect a 429 each, where one request at a time collects one); a 429
 *       starts it again from one, since every request in flight when a limit is reached collects one;</li>
 *   <li>after a 429, nobody sends before its {@code Retry-After} has passed (a shared "not before"), also
 *       a worker that was already waiting for its turn when the 429 came ({@link #recheck});</li>
 *   <li>after a 429, sends are spaced a tenth below the rate the target let through in the second
 *       before, whatever the number of workers (one shared schedule of send times).</li>
 * </ul>
 */
final class Throttle {
    private static final long SECOND = 1_000_000_000L;

    private final int maxInFlight;
    private int allowed = 1;
    private int inFlight;
    /** When {@code allowed} last grew or a 429 came; 0 until the first request. */
    private long quietSince;
    /** Answers that were not 429, the last second's worth (nanoTime). */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    /** Time between sends once throttled; 0 until the first 429. */
    private long paceNanos;
    private long nextSendNanos;
    private long notBeforeNanos;
    private boolean anyNotBefore;
    /** 429s seen so far: a wait computed before the last of them may end inside its Retry-After. */
    private long epoch;

    Throttle(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /**
     * Takes a slot in flight and answers how long to wait before sending (the caller sleeps it, holding
     * the slot, then sends, then calls {@link #release}).
     */
    synchronized Wait acquire() throws InterruptedException {
        while (inFlight >= allowed) {
            wait();
        }
        inFlight++;
        long now = System.nanoTime();
        if (quietSince == 0) {
            quietSince = now;
        }
        return schedule(now);
    }

    /**
     * After the wait {@code w} (the slot still held): how much longer to wait before sending, since a 429 that
     * came meanwhile moved the "not before" and the pace; zero wait when none came.
     */
    synchronized Wait recheck(Wait w) {
        return w.epoch() == epoch ? new Wait(0, 0, epoch) : schedule(System.nanoTime());
    }

    /** The next send time: after any Retry-After, and one pace after the send before. */
    private Wait schedule(long now) {
        long at = now;
        if (anyNotBefore && notBeforeNanos - at > 0) {
            at = notBeforeNanos;
        }
        long afterRetry = at;
        if (paceNanos > 0) {
            if (nextSendNanos - at > 0) {
                at = nextSendNanos;
            }
            nextSendNanos = at + paceNanos;
        }
        return new Wait(at - now, at - afterRetry, epoch);
    }

    /**
     * How long to wait in all, and how much of it is pacing (the rest is a Retry-After, counted where it came);
     * {@code epoch} is the number of 429s seen when it was computed.
     */
    record Wait(long nanos, long pacingNanos, long epoch) {
    }

    /** The request came back (or failed): frees its slot; an answer other than 429 counts towards the rate. */
    synchronized void release(boolean answeredNot429) {
        inFlight--;
        long now = System.nanoTime();
        if (answeredNot429) {
            recent.addLast(now);
            forgetOlderThanASecond(now);
            if (allowed < maxInFlight && now - quietSince >= SECOND) {
                allowed++;
                quietSince = now;
            }
        }
        notifyAll();
    }

    /**
     * A 429 came: learn the pace from what the target let through in the second before, and keep
     * everyone from sending before {@code retryAfter} has passed. Answers by how much the shared "not
     * before" moved (what this 429 costs the run in waiting; several workers throttled at once cost it once).
     */
    synchronized Duration throttled(Duration retryAfter) {
        long now = System.nanoTime();
        forgetOlderThanASecond(now);
        long letThrough = Math.max(1, recent.size());
        if (paceNanos == 0) {
            nextSendNanos = now; // nanoTime has no fixed origin: start the schedule of sends now
        }
        paceNanos = Math.max(paceNanos, SECOND / letThrough * 11 / 10);
        epoch++;
        allowed = 1;
        quietSince = now;
        long until = now + retryAfter.toNanos();
        long moved;
        if (!anyNotBefore || notBeforeNanos - now <= 0) {
            moved = until - now;
        } else {
            moved = Math.max(0, until - notBeforeNanos);
        }
        if (!anyNotBefore || until - notBeforeNanos > 0) {
            notBeforeNanos = until;
            anyNotBefore = true;
        }
        return Duration.ofNanos(moved);
    }

    private void forgetOlderThanASecond(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() > SECOND) {
            recent.pollFirst();
        }
    }

    int maxInFlight() {
        return maxInFlight;
    }
}
