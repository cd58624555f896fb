package dev.runsapi.mock.http;

import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.server.model.Run;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each run's JSON, exactly as the configured {@link JsonMapper} writes {@link RunMapper#toApi} of
 * it (the defects' mix-ins included), made on the run's first answer and kept for the next ones.
 *
 * <p>Built on first use, not at load: start-up stays where it was, and memory stays bounded
 * whatever the number of runs (a run's JSON is about twice what the store holds of it, so a million
 * prepared runs would not fit in 1 GiB beside the store). An answer touches a few dozen runs, and
 * clients page through the same windows again and again, so the runs that are asked for stay here.
 *
 * <p>One entry per slot (direct-mapped: a lookup is one array read, no lock, nothing allocated). An
 * entry is served only for the very run it was made from, or one equal to it in every field, so a
 * run the live store replaced by its ended copy (same sequence, same id, a new {@code endedAt}) is
 * written afresh, and a store that builds new objects per query (PostgreSQL) still finds its runs.
 * Equal runs write equal bytes: the JSON is made from the run's fields alone.
 */
final class RunJsonCache {
  static final int SLOTS = 1 << 16;
  /** Entry bookkeeping beside the bytes: the entry object and the array header. */
  private static final int ENTRY_OVERHEAD = 48;

  private final ObjectWriter writer;
  private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);
  private final long budget;
  private final AtomicLong held = new AtomicLong();

  /**
   * @param budget bytes the cache may hold at most (about: concurrent inserts may overshoot it by a
   *     few runs); a run's JSON larger than a 64th of it is never kept
   */
  RunJsonCache(JsonMapper mapper, long budget) {
    this.writer = mapper.writerFor(Run.class);
    this.budget = budget;
  }

  /** A 16th of the heap, at most 64 MiB: about 100,000 runs of the built-in dataset. */
  static long defaultBudget() {
    return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
  }

  /** The run's JSON. The array is shared: never write to it. */
  byte[] json(StoredRun run) {
    int slot = slot(run);
    Entry entry = slots.get(slot);
    if (entry != null && (entry.run == run || entry.run.equals(run))) {
      return entry.json;
    }
    byte[] json = writer.writeValueAsBytes(RunMapper.toApi(run));
    keep(slot, entry, new Entry(run, json));
    return json;
  }

  /** Bytes held now (tests). */
  long held() {
    return held.get();
  }

  private void keep(int slot, Entry old, Entry fresh) {
    long size = fresh.json.length + ENTRY_OVERHEAD;
    long growth = size - (old == null ? 0 : old.json.length + ENTRY_OVERHEAD);
    if (size > budget / 64 || (growth > 0 && held.get() + growth > budget)) {
      return;
    }
    if (slots.compareAndSet(slot, old, fresh)) {
      held.addAndGet(growth);
    }
  }

  /** Runs of one app are numbered 0, 1, 2, ... in load order; the app spreads apps apart. */
  private static int slot(StoredRun run) {
    long h = (run.sequence() + 31L * run.appId().hashCode()) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> (64 - Integer.numberOfTrailingZeros(SLOTS)));
  }

  private record Entry(StoredRun run, byte[] json) {}
}
