package dev.runsapi.mock.live;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.store.InMemoryRunStore;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.RunStore;
import dev.runsapi.mock.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory store with data that changes while clients read it ({@code --live RATE}), as a
 * deployment's does: every app receives {@code rate} new runs a second, created now (one in ten some
 * seconds in the past, as ingestion delays do), some of them unfinished; unfinished runs end after a
 * while ({@code endedAt} and {@code duration} appear), the dataset's too. Nothing else ever changes and
 * no run disappears: exactly what the contract's "Data that changes" allows.
 *
 * <p>Every answer comes from one immutable {@link InMemoryRunStore} snapshot: a change builds a new
 * snapshot beside the old one (copy on write, only the apps that changed are re-indexed) and swaps it in
 * atomically, so one answer never mixes two states and its page and total always agree.
 *
 * <p>The content of the new runs (type, name, texts, tags, durations, ids, which ones arrive unfinished,
 * which are late) follows from the seed alone; when they arrive and when the dataset's unfinished runs
 * end follows the clock. Memory is bounded: after {@link #MAX_LIVE_RUNS_PER_APP} new runs an app
 * receives no more (runs still end).
 */
public final class LiveRunStore implements RunStore, AutoCloseable {
  public static final int MAX_LIVE_RUNS_PER_APP = 50_000;
  static final Duration TICK = Duration.ofMillis(250);
  /** Dataset runs that never ended end within this long after the live mode starts. */
  static final Duration DATASET_ENDINGS_WITHIN = Duration.ofMinutes(5);
  /** How far in the past a late run's createdAt lies, at most. */
  static final Duration MAX_INGESTION_DELAY = Duration.ofSeconds(10);

  private final AtomicReference<InMemoryRunStore> current;
  private final double rate;
  private final InstantSource clock;
  private final Instant start;
  private final Map<String, AppStream> streams = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;

  /** Starts receiving runs at once, on a daemon thread, every {@link #TICK}. */
  public static LiveRunStore start(Collection<StoredRun> dataset, Collection<String> apps, Defects defects,
      double rate, long seed) {
    LiveRunStore store = new LiveRunStore(dataset, apps, defects, rate, seed, InstantSource.system());
    store.ticker.scheduleWithFixedDelay(store::tickQuietly, TICK.toMillis(), TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    return store;
  }

  /** A store driven by {@link #advance} alone (tests move their own clock). */
  LiveRunStore(Collection<StoredRun> dataset, Collection<String> apps, Defects defects, double rate,
      long seed, InstantSource clock) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("the live rate must be positive, got " + rate);
    }
    this.rate = rate;
    this.clock = clock;
    this.start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    this.current = new AtomicReference<>(new InMemoryRunStore(dataset, apps, defects));
    Map<String, List<StoredRun>> byApp = new HashMap<>();
    apps.forEach(a -> byApp.put(a, new ArrayList<>()));
    dataset.forEach(r -> byApp.computeIfAbsent(r.appId(), k -> new ArrayList<>()).add(r));
    for (String app : apps) {
      streams.put(app, new AppStream(app, byApp.get(app), seed, start));
    }
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "live-runs");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public boolean hasApp(String appId) {
    return current.get().hasApp(appId);
  }

  /** One snapshot for the whole answer: its page and its total come from the same state. */
  @Override
  public RunPage query(String appId, RunQuery query) {
    return current.get().query(appId, query);
  }

  /** The runs of an app as they are now, in the contract's order (tests). */
  public List<StoredRun> runsOf(String appId) {
    return current.get().runsOf(appId);
  }

  private void tickQuietly() {
    try {
      advance();
    } catch (RuntimeException e) {
      // a failed tick leaves the last snapshot in place; the next tick tries again
    }
  }

  /** Brings every app up to the clock: new runs arrive, due runs end; one new snapshot per change. */
  synchronized void advance() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    InMemoryRunStore next = current.get();
    boolean changed = false;
    for (AppStream stream : streams.values()) {
      if (stream.advance(now, rate)) {
        next = next.withRuns(stream.appId, stream.runs.values());
        changed = true;
      }
    }
    if (changed) {
      current.set(next);
    }
  }

  /** New runs received per app so far (tests, and the bound on memory). */
  int received(String appId) {
    return streams.get(appId).received;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  /** One app's runs as the ticker thread keeps them, and what is still to come for it. */
  private static final class AppStream {
    /** Templates of new runs are drawn in batches, each batch from the seed and its number alone. */
    private static final int BATCH = 500;

    private final String appId;
    private final String idPrefix;
    private final long seed;
    private final Instant start;
    private final SplittableRandom random;
    /** By id, in arrival order; only the ticker thread touches it, snapshots copy it. */
    private final Map<String, StoredRun> runs = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();
    /** Unfinished runs and when they end (endedAt = that instant). */
    private final Map<String, Instant> endings = new LinkedHashMap<>();
    /**
     * What an unfinished run will carry once it ends: {output, error} of its template (the contract: both
     * are null while a run has not ended; a run that ended without an error has an output).
     */
    private final Map<String, String[]> outcomes = new HashMap<>();
    private List<StoredRun> templates = List.of();
    private int received;
    private long sequence;

    AppStream(String appId, List<StoredRun> dataset, long seed, Instant start) {
      this.appId = appId;
      this.idPrefix = appId.replaceFirst("^app-", "");
      this.seed = seed;
      this.start = start;
      this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + appId.hashCode());
      for (StoredRun r : dataset) {
        runs.put(r.id(), r);
        ids.add(r.id());
        sequence = Math.max(sequence, r.sequence() + 1);
        if (r.endedAt() == null) {
          long within = DATASET_ENDINGS_WITHIN.toMillis();
          endings.put(r.id(), start.plusMillis(2000 + random.nextLong(within - 2000)));
        }
      }
    }

    /** Whether anything changed. */
    boolean advance(Instant now, double rate) {
      boolean changed = false;
      long due = (long) Math.floor(rate * Duration.between(start, now).toMillis() / 1000.0);
      due = Math.min(due, MAX_LIVE_RUNS_PER_APP);
      long arriving = due - received;
      for (long i = 0; i < arriving; i++) {
        // spread over the last tick, so that a burst does not share one millisecond (ties still happen)
        Instant at = now.minusMillis(TICK.toMillis() * (arriving - 1 - i) / Math.max(1, arriving));
        arrive(at);
        changed = true;
      }
      List<String> ended = new ArrayList<>();
      for (Map.Entry<String, Instant> e : endings.entrySet()) {
        if (!e.getValue().isAfter(now)) {
          StoredRun r = runs.get(e.getKey());
          runs.put(r.id(), ended(r, e.getValue(), outcomes.remove(r.id())));
          ended.add(e.getKey());
        }
      }
      ended.forEach(endings::remove);
      return changed || !ended.isEmpty();
    }

    /** The next run: its content from the seed, its createdAt {@code now} or, one in ten, a little earlier. */
    private void arrive(Instant now) {
      int n = received++;
      if (n % BATCH == 0) {
        templates = RunGenerator.generate(appId, seed * 1_000_003L + 7919L * (n / BATCH + 1), BATCH);
      }
      StoredRun t = templates.get(n % BATCH);
      Instant createdAt = random.nextInt(10) == 0
          ? now.minusMillis(1 + random.nextLong(MAX_INGESTION_DELAY.toMillis()))
          : now;
      Long duration = t.durationMillis();
      Instant endedAt = duration == null ? null : createdAt.plusMillis(duration);
      Instant endsLater = null;
      if (duration == null) {
        // never ended in the template: half of them end after up to 30 s, the others stay unfinished
        endsLater = random.nextBoolean() ? createdAt.plusMillis(1000 + random.nextLong(29_000)) : null;
      } else if (random.nextInt(10) < 3 || endedAt.isAfter(now)) {
        // received while still running: it ends when the template's duration has passed
        endsLater = endedAt;
        endedAt = null;
      }
      String id = String.format("%s-%s-live-%06d", t.id().substring(0, 8), idPrefix, n);
      while (!ids.add(id)) {
        id = id + "x";
      }
      boolean running = endedAt == null;
      StoredRun run = new StoredRun(appId, sequence++, id, t.type(), t.name(), createdAt, endedAt,
          t.promptTokens(), t.completionTokens(), t.tags(), t.input(), running ? null : t.output(),
          running ? null : t.error(), t.user(), t.cost());
      runs.put(id, run);
      if (running) {
        outcomes.put(id, new String[] {t.output(), t.error()});
      }
      if (endsLater != null) {
        endings.put(id, endsLater);
      }
    }

    /** The run ended at {@code endedAt}: its template's outcome, or an empty output when it had none. */
    private static StoredRun ended(StoredRun r, Instant endedAt, String[] outcome) {
      String error = outcome == null ? r.error() : outcome[1];
      String output = outcome == null ? r.output() : outcome[0];
      if (error == null && output == null) {
        output = ""; // ended without an error: a string, possibly empty
      }
      return new StoredRun(r.appId(), r.sequence(), r.id(), r.type(), r.name(), r.createdAt(), endedAt,
          r.promptTokens(), r.completionTokens(), r.tags(), r.input(), output, error, r.user(), r.cost());
    }
  }
}
