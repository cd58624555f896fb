package dev.runsapi.conformance.wire;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules the workers of one run share, without HTTP: slow start, one "not before", one pace. */
class ThrottleTest {

    @Test
    void beforeTheRateIsKnown_oneRequestIsInFlight_theNextWaitsForItsSlot() throws Exception {
        Throttle t = new Throttle(8);
        assertEquals(0, t.acquire().nanos());
        CompletableFuture<Throttle.Wait> second = CompletableFuture.supplyAsync(() -> {
            try {
                return t.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS), "no second slot yet");
        t.release(true);
        assertEquals(0, second.get(5, TimeUnit.SECONDS).nanos(), "the freed slot is taken at once");
    }

    @Test
    void aRetryAfter_holdsBackEveryWorker_andSeveral429sAtOnceCostItOnce() throws Exception {
        Throttle t = new Throttle(4);
        t.acquire();
        Duration first = t.throttled(Duration.ofSeconds(2));
        Duration second = t.throttled(Duration.ofSeconds(2));
        assertTrue(first.toMillis() > 1900, "the first 429 moves the shared not-before by its Retry-After");
        assertTrue(second.toMillis() < 100, "a 429 of a request in flight at the same time adds (almost) nothing");
        t.release(false);
        long wait = t.acquire().nanos();
        assertTrue(wait > 1_800_000_000L, "the next request, whoever sends it, waits the Retry-After out: " + wait);
    }

    @Test
    void afterA429_sendsAreSpacedByOnePace_whoeverSendsThem() throws Exception {
        Throttle t = new Throttle(1);
        for (int i = 0; i < 4; i++) {
            t.acquire();
            t.release(true); // 4 answers in the last second: the pace is a tenth below 4 a second
        }
        t.acquire();
        t.throttled(Duration.ZERO);
        t.release(false);
        Throttle.Wait a = t.acquire();
        t.release(true);
        Throttle.Wait b = t.acquire();
        t.release(true);
        long gap = b.pacingNanos() - a.pacingNanos();
        assertTrue(gap > 250_000_000L && gap < 300_000_000L, "275 ms between sends, got " + gap / 1_000_000);
        assertFalse(b.nanos() < b.pacingNanos());
    }

    @Test
    void aWorkerAlreadyWaitingItsTurn_whenA429Comes_waitsTheRetryAfterOutToo() throws Exception {
        Throttle t = new Throttle(2);
        for (int i = 0; i < 4; i++) {
            t.acquire();
            t.release(true);
        }
        t.acquire();
        t.throttled(Duration.ZERO); // the pace is known: sends are spaced from now on
        t.release(false);
        t.acquire();
        t.release(true);
        Throttle.Wait waiting = t.acquire(); // its turn is one pace away; it sleeps, holding its slot
        assertTrue(waiting.nanos() > 0, "a paced send waits its turn");
        assertEquals(0, t.recheck(waiting).nanos(), "no 429 came meanwhile: it sends when its turn comes");
        t.throttled(Duration.ofSeconds(2)); // another worker's request is answered 429 meanwhile
        Throttle.Wait again = t.recheck(waiting);
        assertTrue(again.nanos() > 1_800_000_000L, "it waits the Retry-After out before sending: " + again.nanos());
        assertEquals(0, t.recheck(again).nanos(), "and then sends");
    }

    @Test
    void a429_takesTheRequestsInFlightBackToOne() throws Exception {
        Throttle t = new Throttle(4);
        t.acquire();
        Thread.sleep(1100);
        t.release(true); // a second without a 429: two may be in flight
        t.acquire();
        t.acquire();
        t.throttled(Duration.ZERO);
        t.release(false);
        t.release(true);
        t.acquire(); // one in flight again: a second one waits
        CompletableFuture<Throttle.Wait> second = CompletableFuture.supplyAsync(() -> {
            try {
                return t.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS),
                "after a 429, one request in flight until a second passes without one");
        t.release(true);
        second.get(5, TimeUnit.SECONDS);
    }
}
