package dev.runsapi.mock.config;

import dev.runsapi.mock.defect.Defects;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the command line decided, already checked for range.
 *
 * @param runs size of the built-in dataset of the first app; every other app gets a quarter
 * @param failSeed seed of the {@code fail-rate} draws
 * @param database the PostgreSQL store to use, or null for the in-memory one
 * @param host the IP address to listen on: {@value #DEFAULT_HOST} unless {@code --host} says otherwise
 * @param liveRate new runs per second per app while the server runs; 0 for data that never changes
 * @param textSize bytes of input and output together per run of the built-in dataset; 0 keeps its
 *     short sentences
 */
public record MockSettings(
    int port,
    long seed,
    int runs,
    List<Path> dataFiles,
    Path appsFile,
    String apiKey,
    String appId,
    int rateLimit,
    long latencyMillis,
    double failRate,
    long failSeed,
    Defects defects,
    DatabaseSettings database,
    String host,
    double liveRate,
    int textSize) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_RUNS = 2000;
  public static final int DEFAULT_RATE_LIMIT = 30;
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The largest --text-size: 16 MiB a run is more than any prompt, and keeps the pool in memory. */
  public static final int MAX_TEXT_SIZE = 16 << 20;

  public MockSettings {
    dataFiles = List.copyOf(dataFiles);
  }

  /** Settings that listen on {@value #DEFAULT_HOST}, without the live mode. */
  public MockSettings(int port, long seed, int runs, List<Path> dataFiles, Path appsFile,
      String apiKey, String appId, int rateLimit, long latencyMillis, double failRate,
      long failSeed, Defects defects, DatabaseSettings database) {
    this(port, seed, runs, dataFiles, appsFile, apiKey, appId, rateLimit, latencyMillis, failRate,
        failSeed, defects, database, DEFAULT_HOST, 0, 0);
  }

  /** Whether runs keep arriving and ending while the server runs ({@code --live}). */
  public boolean live() {
    return liveRate > 0;
  }

  /** Settings for the in-memory store. */
  public MockSettings(int port, long seed, int runs, List<Path> dataFiles, Path appsFile,
      String apiKey, String appId, int rateLimit, long latencyMillis, double failRate,
      long failSeed, Defects defects) {
    this(port, seed, runs, dataFiles, appsFile, apiKey, appId, rateLimit, latencyMillis, failRate,
        failSeed, defects, null, DEFAULT_HOST, 0, 0);
  }

  /** The built-in dataset size of an app other than the first. */
  public static int otherAppRuns(int runs) {
    return runs / 4;
  }
}
