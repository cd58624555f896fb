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

/**
 * The server's whole configuration, loaded and checked before Spring starts, so that bad
 * configuration stops start-up with one message and nothing is half-loaded.
 */
public record MockSetup(MockSettings settings, Tenants tenants, RunStore store) {

  public Defects defects() {
    return settings.defects();
  }

  public static MockSetup load(MockSettings settings) {
    Tenants tenants = tenants(settings);
    List<String> apps = new ArrayList<>();
    tenants.all().forEach(t -> apps.addAll(t.apps()));
    if (settings.database() != null) {
      return new MockSetup(settings, tenants, PostgresSetup.open(settings, tenants, apps));
    }
    List<StoredRun> runs = settings.dataFiles().isEmpty()
        ? builtInDataset(settings, apps)
        : RunFiles.load(settings.dataFiles(), tenants);
    if (settings.live()) {
      return new MockSetup(settings, tenants,
          LiveRunStore.start(runs, apps, settings.defects(), settings.liveRate(), settings.seed()));
    }
    return new MockSetup(settings, tenants, new InMemoryRunStore(runs, apps, settings.defects()));
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
