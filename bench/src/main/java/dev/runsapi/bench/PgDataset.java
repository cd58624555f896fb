package dev.runsapi.bench;

import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.pg.EmbeddedPostgresServer;
import dev.runsapi.mock.store.pg.PostgresRunLoader;
import dev.runsapi.mock.store.pg.PostgresRunStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@link StoreQueryBenchmark}'s dataset (the built-in generator's runs of {@link
 * StoreQueryBenchmark#APP}, seed {@link StoreQueryBenchmark#SEED}) in a database of its own on an
 * embedded PostgreSQL, loaded with the store's own loader, the load timed.
 */
record PgDataset(DatabaseSettings db, int runs, PostgresRunLoader.Result loaded, double loadSeconds,
    double vacuumSeconds, long bytes, String serverVersion, String countGroups) {

  /** The database of the dataset with {@code runs} runs, by name: what the benchmark opens. */
  static String databaseName(int runs) {
    return "runs_" + runs;
  }

  static DatabaseSettings settings(String baseUrl, int runs) {
    return new DatabaseSettings(baseUrl + databaseName(runs), "postgres", null);
  }

  /**
   * Creates the database, loads the dataset (the store's loader: into an empty table, so COPY and
   * indexes built afterwards), then {@code VACUUM ANALYZE}s it, timing both.
   */
  static PgDataset create(EmbeddedPostgresServer pg, int runs) throws SQLException {
    DatabaseSettings db = new DatabaseSettings(pg.createDatabase(databaseName(runs)), "postgres", null);
    List<StoredRun> data = RunGenerator.generate(StoreQueryBenchmark.APP, StoreQueryBenchmark.SEED, runs);
    PostgresRunLoader.Result loaded;
    double loadSeconds;
    try (PostgresRunStore store = PostgresRunStore.open(db, List.of(StoreQueryBenchmark.APP))) {
      long t0 = System.nanoTime(); // the load only: not the pool's start or the schema's migration
      loaded = store.load(data);
      loadSeconds = (System.nanoTime() - t0) / 1e9;
    }
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), "");
        Statement s = c.createStatement()) {
      long t0 = System.nanoTime();
      s.execute("VACUUM ANALYZE runs, run_counts, run_month_counts");
      double vacuumSeconds = (System.nanoTime() - t0) / 1e9;
      return new PgDataset(db, runs, loaded, loadSeconds, vacuumSeconds,
          Long.parseLong(single(s, "SELECT pg_total_relation_size('runs')")),
          single(s, "SHOW server_version"), single(s, "SELECT to_char((SELECT COUNT(*) FROM run_counts), 'FM999,999,999') || ' of days, '"
              + " || to_char((SELECT COUNT(*) FROM run_month_counts), 'FM999,999,999') || ' of months'"));
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}
