package dev.runsapi.mock.store;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Heap per run of the in-memory store (not a test: run by hand, see the store's section in the
 * mock's README): the built-in dataset at {@code args[0]} runs (default 1,000,000), the heap used
 * after a full GC with only the runs held, then with the store built over them and the list
 * dropped. The difference is what the store's index costs on top of the runs themselves.
 */
public final class StoreFootprint {
  private StoreFootprint() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long empty = usedAfterGc(memory);
    List<StoredRun> runs = RunGenerator.generate("app-acme", 42, count);
    long runsOnly = usedAfterGc(memory);
    InMemoryRunStore store = new InMemoryRunStore(runs, List.of("app-acme"), Defects.none());
    runs = null;
    long withStore = usedAfterGc(memory);
    System.out.printf("runs=%d runs-only=%d B/run store+runs=%d B/run index=%d B/run (store holds %d)%n",
        count, (runsOnly - empty) / count, (withStore - empty) / count,
        (withStore - runsOnly) / count, store.runsOf("app-acme").size());
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
