package dev.runsapi.bench;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import dev.runsapi.mock.store.InMemoryRunStore;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.RunStore;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.pg.PostgresRunStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store's query path (what {@code GET /api/v1/run} costs without HTTP and JSON) at growing
 * dataset sizes. The built-in dataset spreads its runs over May 2024 whatever their number, so a
 * fixed window holds more runs as the dataset grows. The selective query is the one whose answer
 * does not grow with the data: its window starts at noon on 15 May and ends at the createdAt of the
 * {@link #SELECTIVE_RUNS}th run from there, so that it holds the same number of runs at every size
 * (a window of fixed length would hold 100 times more at 1,000,000 than at 10,000) and what grows
 * is only the cost of finding them. The other queries' answers grow with the data.
 *
 * <p>{@link #store}: {@code memory}, the in-memory store built in the trial's set-up, or {@code
 * postgres}, the PostgreSQL store on the database {@code bench/run} loaded with the same dataset
 * beforehand ({@link PgBenchServer}), whose server's base JDBC URL the system property {@value
 * #PG_URL_PROPERTY} gives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreQueryBenchmark {
  static final String APP = "app-acme";
  static final long SEED = 42;
  static final Instant MONTH_START = RunGenerator.EPOCH;
  static final Instant MONTH_END = MONTH_START.plusMillis(RunGenerator.SPAN_MILLIS);

  /** How many runs the selective window holds, whatever the dataset's size (more only on a tie). */
  static final int SELECTIVE_RUNS = 20;
  static final Instant SELECTIVE_START = Instant.parse("2024-05-15T12:00:00Z");

  static final String PG_URL_PROPERTY = "bench.pg.url";

  @Param({"10000", "100000", "1000000"})
  public int runs;

  @Param({"memory"})
  public String store;

  RunStore runStore;
  RunQuery selective;
  RunQuery broad;
  RunQuery deepPage;
  RunQuery broadTotal;
  RunQuery monthTotal;

  @Setup(Level.Trial)
  public void load() {
    runStore = switch (store) {
      case "memory" -> new InMemoryRunStore(RunGenerator.generate(APP, SEED, runs), List.of(APP), Defects.none());
      case "postgres" -> openPostgres();
      default -> throw new IllegalArgumentException("store must be memory or postgres, not " + store);
    };
    Map<String, RunQuery> queries = queries(runStore, runs);
    selective = queries.get("selectiveWindow");
    broad = queries.get("broadFilters");
    deepPage = queries.get("deepPage");
    broadTotal = queries.get("totalOfBroadFilter");
    monthTotal = queries.get("monthTotal");
  }

  private RunStore openPostgres() {
    String url = System.getProperty(PG_URL_PROPERTY);
    if (url == null) {
      throw new IllegalStateException("store=postgres needs -D" + PG_URL_PROPERTY
          + "=jdbc:postgresql://HOST:PORT/ (a server PgBenchServer loaded; bench/run starts one)");
    }
    PostgresRunStore pg = PostgresRunStore.open(PgDataset.settings(url, runs), List.of(APP));
    if (pg.isEmpty()) {
      pg.close();
      throw new IllegalStateException("database " + PgDataset.databaseName(runs) + " holds no runs");
    }
    return pg;
  }

  @TearDown(Level.Trial)
  public void close() {
    if (runStore instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The measured queries by benchmark name, for the dataset of {@code runs} runs in the store. */
  static Map<String, RunQuery> queries(RunStore store, int runs) {
    Map<String, RunQuery> queries = new LinkedHashMap<>();
    queries.put("selectiveWindow",
        query(SELECTIVE_START, selectiveEnd(store), List.of(), List.of(), Set.of(), 50, 0));
    queries.put("broadFilters", query(MONTH_START, MONTH_END,
        List.of("gpt-4o", "claude-3-5-sonnet", "mistral-large"), List.of("production", "beta"),
        Set.of("llm", "tool"), 50, 0));
    // the middle of the whole range, 100 a page: the store still scans and keeps every run before it
    queries.put("deepPage", query(MONTH_START, MONTH_END, List.of(), List.of(), Set.of(), 100, runs / 200));
    queries.put("totalOfBroadFilter", query(MONTH_START, MONTH_END, List.of(),
        List.of("production", "beta", "eval"), Set.of("llm", "tool", "chain"), 1, 0));
    // a whole month's total, unfiltered: the count is nearly all of the answer
    queries.put("monthTotal", query(MONTH_START, MONTH_END, List.of(), List.of(), Set.of(), 1, 0));
    return queries;
  }

  /** The createdAt of the {@link #SELECTIVE_RUNS}th run at or after {@link #SELECTIVE_START}. */
  static Instant selectiveEnd(RunStore store) {
    List<StoredRun> first = store.query(APP, new RunQuery(APP, SELECTIVE_START, MONTH_END, null,
        List.of(), List.of(), Set.of(), null, null, SELECTIVE_RUNS, 0, SortOrder.ASC)).runs();
    if (first.size() < SELECTIVE_RUNS) {
      throw new IllegalStateException("fewer than " + SELECTIVE_RUNS + " runs after noon");
    }
    return first.get(SELECTIVE_RUNS - 1).createdAt();
  }

  static RunQuery query(Instant start, Instant end, List<String> models, List<String> tags,
      Set<String> types, int limit, int page) {
    return new RunQuery(APP, start, end, null, models, tags, types, null, null, limit, page,
        SortOrder.DESC);
  }

  @Benchmark
  public RunPage selectiveWindow() {
    return runStore.query(APP, selective);
  }

  @Benchmark
  public RunPage broadFilters() {
    return runStore.query(APP, broad);
  }

  @Benchmark
  public RunPage deepPage() {
    return runStore.query(APP, deepPage);
  }

  @Benchmark
  public long totalOfBroadFilter() {
    return runStore.query(APP, broadTotal).total();
  }

  @Benchmark
  public long monthTotal() {
    return runStore.query(APP, monthTotal).total();
  }
}
