package dev.runsapi.bench;

import dev.runsapi.mock.store.pg.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL of {@code bench/run}: an embedded server (127.0.0.1, a free port, a temporary
 * directory) holding {@link StoreQueryBenchmark}'s dataset at each size asked, each in a database
 * of its own ({@link PgDataset#databaseName}), plus an empty database {@code http} for the mock
 * server under HTTP load. Writes the load times to {@code OUT/pg-load.tsv}, then the server's base
 * JDBC URL to {@code OUT/pg.url} (the sign that it is ready), and serves until the process is
 * stopped; the fixture's shutdown hook stops PostgreSQL and deletes its directory.
 *
 * <p>Arguments: {@code OUT_DIR SIZE[,SIZE...]}. Failures are one line on standard error and exit 1.
 */
public final class PgBenchServer {
  private PgBenchServer() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2 || !args[1].matches("[1-9][0-9]{0,8}(,[1-9][0-9]{0,8})*")) {
      System.err.println("usage: PgBenchServer OUT_DIR SIZE[,SIZE...]");
      System.exit(64);
    }
    Path out = Path.of(args[0]);
    List<Integer> sizes = new ArrayList<>();
    for (String size : args[1].split(",")) {
      sizes.add(Integer.parseInt(size));
    }
    EmbeddedPostgresServer pg;
    try {
      pg = serve(out, sizes);
    } catch (RuntimeException | IOException | SQLException e) {
      System.err.println("pg-bench-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("pg-bench-server: ready on " + pg.jdbcUrl(""));
    Thread.currentThread().join(); // until stopped: the shutdown hook stops PostgreSQL
  }

  private static EmbeddedPostgresServer serve(Path out, List<Integer> sizes)
      throws IOException, SQLException {
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start();
    StringBuilder tsv = new StringBuilder("runs\tload_s\tvacuum_s\tbytes\tserver\n");
    for (int runs : sizes) {
      System.out.printf(Locale.ROOT, "pg-bench-server: loading %,d runs%n", runs);
      PgDataset d = PgDataset.create(pg, runs);
      if (d.loaded().added() != runs) {
        throw new IllegalStateException("loaded " + d.loaded().added() + " of " + runs + " runs");
      }
      System.out.printf(Locale.ROOT, "pg-bench-server: %,d runs loaded in %.1f s%n", runs, d.loadSeconds());
      tsv.append(String.format(Locale.ROOT, "%d\t%.2f\t%.2f\t%d\t%s%n", runs, d.loadSeconds(),
          d.vacuumSeconds(), d.bytes(), d.serverVersion()));
    }
    pg.createDatabase("http");
    Files.writeString(out.resolve("pg-load.tsv"), tsv);
    // written whole, then renamed: whoever waits for it never reads half a URL
    Path partial = out.resolve("pg.url.partial");
    Files.writeString(partial, pg.jdbcUrl(""));
    Files.move(partial, out.resolve("pg.url"), StandardCopyOption.ATOMIC_MOVE);
    return pg;
  }
}
