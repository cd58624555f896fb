package dev.runsapi.mock.config;

import dev.runsapi.mock.data.RunFiles;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.live.LiveRunStore;
import dev.runsapi.mock.store.InMemoryRunStore;
import dev.runsapi.mock.store.RunStore;
import dev.runsapi.mock.store.StoredRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The server's whole configuration, checked before the server listens, so that bad configuration
 * stops start-up with one message and nothing is half-loaded. The runs may still be loading while
 * Spring starts ({@link #begin}): the server waits for them before it binds its port
 * ({@link #awaitStore}), so no request ever sees a store that is not complete.
 */
public final class MockSetup {
  private final MockSettings settings;
  private final Tenants tenants;
  private final CompletableFuture<RunStore> store;

  /** A setup whose runs are already loaded. */
  public MockSetup(MockSettings settings, Tenants tenants, RunStore store) {
    this(settings, tenants, CompletableFuture.completedFuture(store));
  }

  private MockSetup(MockSettings settings, Tenants tenants, CompletableFuture<RunStore> store) {
    this.settings = settings;
    this.tenants = tenants;
    this.store = store;
  }

  public MockSettings settings() {
    return settings;
  }

  public Tenants tenants() {
    return tenants;
  }

  /** The loaded store; waits for the load if it is still under way (a server never does). */
  public RunStore store() {
    return awaitStore();
  }

  public Defects defects() {
    return settings.defects();
  }

  /** The whole configuration, runs included, loaded and checked before it returns. */
  public static MockSetup load(MockSettings settings) {
    MockSetup setup = begin(settings);
    setup.awaitStore();
    return setup;
  }

  /**
   * Checks the tenants now and loads the runs on a thread of its own, so that Spring can start
   * beside the load (on two cores both take about as long at the built-in size); a bad data file
   * is thrown by {@link #awaitStore}.
   */
  public static MockSetup begin(MockSettings settings) {
    Tenants tenants = tenants(settings);
    return loading(settings, tenants, () -> loadStore(settings, tenants));
  }

  /** A setup whose store {@code load} makes on a thread of its own (and throws any failure of). */
  public static MockSetup loading(MockSettings settings, Tenants tenants, Supplier<RunStore> load) {
    CompletableFuture<RunStore> store = new CompletableFuture<>();
    Thread loader = new Thread(() -> {
      try {
        store.complete(load.get());
      } catch (Throwable e) {
        store.completeExceptionally(e);
      }
    }, "run-loader");
    loader.setDaemon(true);
    loader.start();
    return new MockSetup(settings, tenants, store);
  }

  /**
   * Waits until the runs are loaded; throws the load's failure (a {@link ConfigException} for a
   * bad data file or database) as it was thrown.
   */
  public RunStore awaitStore() {
    try {
      return store.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** The store if it loaded, else null: for releasing it after a failed start. */
  public RunStore loadedStore() {
    return store.isDone() && !store.isCompletedExceptionally() ? store.join() : null;
  }

  private static RunStore loadStore(MockSettings settings, Tenants tenants) {
    List<String> apps = new ArrayList<>();
    tenants.all().forEach(t -> apps.addAll(t.apps()));
    if (settings.database() != null) {
      return PostgresSetup.open(settings, tenants, apps);
    }
    List<StoredRun> runs = settings.dataFiles().isEmpty()
        ? builtInDataset(settings, apps)
        : RunFiles.load(settings.dataFiles(), tenants);
    if (settings.live()) {
      return LiveRunStore.start(runs, apps, settings.defects(), settings.liveRate(), settings.seed());
    }
    return new InMemoryRunStore(runs, apps, settings.defects());
  }

  /** The seeded dataset: {@code --runs} for the first app, a quarter of that for each other. */
  static List<StoredRun> builtInDataset(MockSettings settings, List<String> apps) {
    List<StoredRun> runs = new ArrayList<>();
    for (int i = 0; i < apps.size(); i++) {
      int count = i == 0 ? settings.runs() : MockSettings.otherAppRuns(settings.runs());
      runs.addAll(RunGenerator.generate(apps.get(i), settings.seed(), count, settings.textSize()));
    }
    return runs;
  }

  private static Tenants tenants(MockSettings settings) {
    if (settings.appsFile() != null) {
      return TenantsFile.read(settings.appsFile());
    }
    if (settings.apiKey() != null) {
      return new Tenants(List.of(new Tenant("default", List.of(settings.appId()),
          List.of(settings.apiKey()))));
    }
    return Tenants.DEFAULT;
  }

  /** ADR 0002's ready line, naming the first tenant's first app and key and the second's. */
  public String readyLine(String url) {
    StringBuilder line = new StringBuilder("Runs mock server ready on ").append(url);
    Tenant first = tenants.all().get(0);
    line.append(" app_id=").append(first.apps().get(0)).append(" api_key=").append(first.keys().get(0));
    if (tenants.all().size() > 1) {
      Tenant second = tenants.all().get(1);
      line.append(" other_app_id=").append(second.apps().get(0))
          .append(" other_api_key=").append(second.keys().get(0));
    }
    return line.toString();
  }
}
