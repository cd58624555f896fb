package dev.runsapi.mock.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveRunStoreTest {
  static final String APP = "app-acme";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A clock the test moves by hand. */
  static final class ManualClock implements InstantSource {
    private final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }
  }

  static LiveRunStore store(ManualClock clock, double rate, long seed, int datasetRuns) {
    return new LiveRunStore(RunGenerator.generate(APP, 42, datasetRuns), List.of(APP), Defects.none(),
        rate, seed, clock);
  }

  static RunQuery window(Instant start, Instant end, int limit, int page) {
    return new RunQuery(APP, start, end, null, List.of(), List.of(), Set.of(), null, null, limit, page,
        SortOrder.ASC);
  }

  static RunQuery everything() {
    return window(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), 1000, 0);
  }

  @Nested
  class Arrivals {
    @Test
    void runsArriveAtTheRate_createdNowOrUpToTenSecondsLate() {
      ManualClock clock = new ManualClock();
      LiveRunStore s = store(clock, 20, 7, 100);
      for (int i = 0; i < 50; i++) {
        clock.advance(Duration.ofMillis(100));
        s.advance();
      }
      assertEquals(100, s.received(APP), "20 a second for 5 s");
      List<StoredRun> live = s.runsOf(APP).stream().filter(r -> r.id().contains("-live-")).toList();
      assertEquals(100, live.size());
      Instant end = clock.instant();
      assertTrue(live.stream().allMatch(r -> !r.createdAt().isAfter(end)
          && !r.createdAt().isBefore(T0.minusSeconds(10))), "created now, or at most 10 s before");
      assertTrue(live.stream().anyMatch(r -> r.createdAt().isBefore(T0)), "some arrive late");
      assertEquals(100, live.stream().map(StoredRun::id).distinct().count(), "ids unique");
    }

    @Test
    void theContentOfNewRunsFollowsFromTheSeed() {
      assertEquals(content(3), content(3));
      assertFalse(content(3).equals(content(4)), "another seed, other runs");
    }

    private List<String> content(long seed) {
      ManualClock clock = new ManualClock();
      LiveRunStore s = store(clock, 10, seed, 0);
      clock.advance(Duration.ofSeconds(3));
      s.advance();
      return s.runsOf(APP).stream().map(r -> r.id() + r.type() + r.name() + r.input() + r.tags())
          .sorted().toList();
    }

    @Test
    void anAppStopsReceivingAtTheCap() {
      ManualClock clock = new ManualClock();
      LiveRunStore s = store(clock, 10_000, 1, 0);
      clock.advance(Duration.ofSeconds(6));
      s.advance();
      clock.advance(Duration.ofSeconds(6));
      s.advance();
      assertEquals(LiveRunStore.MAX_LIVE_RUNS_PER_APP, s.received(APP));
      assertEquals(LiveRunStore.MAX_LIVE_RUNS_PER_APP, s.runsOf(APP).size());
    }
  }

  @Nested
  class Changes {
    @Test
    void unfinishedRunsEnd_andNothingElseEverChanges_norDisappears() {
      ManualClock clock = new ManualClock();
      LiveRunStore s = store(clock, 15, 5, 400);
      Map<String, StoredRun> seen = new HashMap<>();
      int endedSeen = 0;
      for (int step = 0; step < 160; step++) {
        clock.advance(Duration.ofSeconds(2));
        s.advance();
        Map<String, StoredRun> now = s.runsOf(APP).stream()
            .collect(Collectors.toMap(StoredRun::id, r -> r));
        for (StoredRun before : seen.values()) {
          StoredRun after = now.get(before.id());
          assertNotNull(after, "run " + before.id() + " disappeared");
          if (before.endedAt() != null) {
            assertEquals(before, after, "an ended run never changes");
          } else if (after.endedAt() != null) {
            endedSeen++;
            assertFalse(after.endedAt().isBefore(after.createdAt()), "ends after it began");
            assertEquals(before, withoutEnd(after), "only endedAt (and so duration), output or error changed");
            assertTrue(before.output() == null && before.error() == null, "no outcome before it ended");
            assertTrue(after.output() != null || after.error() != null, "an ended run has an output or an error");
          } else {
            assertEquals(before, after);
          }
        }
        seen = now;
      }
      assertTrue(endedSeen > 20, "runs ended under the reader: " + endedSeen);
      long datasetStillUnfinished = seen.values().stream()
          .filter(r -> !r.id().contains("-live-") && r.endedAt() == null).count();
      assertEquals(0, datasetStillUnfinished, "the dataset's unfinished runs end within five minutes");
      assertTrue(seen.values().stream().anyMatch(r -> r.id().contains("-live-") && r.endedAt() == null),
          "some new runs never end");
    }

    /** The run as it was before it ended: no end, and neither output nor error (Run.output, Run.error). */
    private StoredRun withoutEnd(StoredRun r) {
      return new StoredRun(r.appId(), r.sequence(), r.id(), r.type(), r.name(), r.createdAt(), null,
          r.promptTokens(), r.completionTokens(), r.tags(), r.input(), null, null, r.user(),
          r.cost());
    }
  }

  @Nested
  class Consistency {
    /**
     * Readers against a writer that never stops: each answer is one state. Its page agrees with its
     * total; a window read whole holds as many runs as it says; and totals of the same query never
     * shrink (runs only arrive), nor does a duration filter's (runs only end).
     */
    @Test
    void everyAnswerReflectsOneState_underConcurrentWrites() throws Exception {
      ManualClock clock = new ManualClock();
      LiveRunStore s = store(clock, 1000, 9, 500);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(5);
      try {
        Future<?> writer = pool.submit(() -> {
          for (int i = 0; i < 150 && !stop.get(); i++) {
            clock.advance(Duration.ofMillis(20));
            s.advance();
          }
        });
        List<Future<String>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          readers.add(pool.submit(() -> {
            long lastTotal = -1;
            long lastEnded = -1;
            int answers = 0;
            while (!writer.isDone()) {
              RunPage whole = s.query(APP, everything());
              if (whole.runs().size() != Math.min(1000, whole.total())) {
                return "page of " + whole.runs().size() + " runs but total " + whole.total();
              }
              if (whole.total() < lastTotal) {
                return "total went down from " + lastTotal + " to " + whole.total();
              }
              lastTotal = whole.total();
              int page = (int) (whole.total() / 100);
              RunPage last = s.query(APP, window(Instant.parse("0001-01-01T00:00:00Z"),
                  Instant.parse("9999-12-31T23:59:59Z"), 100, page));
              if (last.runs().size() != Math.min(100, Math.max(0, last.total() - page * 100L))) {
                return "last page of " + last.runs().size() + " runs for total " + last.total();
              }
              RunQuery finished = new RunQuery(APP, Instant.parse("0001-01-01T00:00:00Z"),
                  Instant.parse("9999-12-31T23:59:59Z"), null, List.of(), List.of(), Set.of(),
                  BigDecimal.ZERO, null, 1, 0, SortOrder.ASC);
              long ended = s.query(APP, finished).total();
              if (ended < lastEnded) {
                return "finished runs went down from " + lastEnded + " to " + ended;
              }
              lastEnded = ended;
              answers++;
            }
            return answers > 0 ? null : "no answer read while the writer ran";
          }));
        }
        writer.get();
        for (Future<String> r : readers) {
          assertNull(r.get());
        }
        assertTrue(s.runsOf(APP).size() > 1000, "the writer wrote");
      } finally {
        stop.set(true);
        pool.shutdownNow();
      }
    }
  }
}
