package dev.runsapi.mock.config;

import dev.runsapi.mock.data.RunFiles;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.pg.PostgresRunStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Start-up on PostgreSQL ({@code --db-url}): the data files are read and checked first (a bad one
 * stops start-up before the database is touched), then the store connects, migrates its schema
 * and loads. With {@code --data} the files' runs are added (runs already there are kept); without,
 * the built-in dataset is loaded only into a database that holds no run yet, so that a restart
 * serves what is there.
 */
final class PostgresSetup {
  /** The defects that live in the in-memory store; the PostgreSQL store implements none. */
  static final Set<Defect> STORE_DEFECTS = EnumSet.of(
      Defect.TYPE_FILTER_IGNORED, Defect.MODELS_PREFIX_MATCH, Defect.TAGS_MATCH_ALL,
      Defect.SEARCH_CASE_SENSITIVE, Defect.SEARCH_LIKE_WILDCARDS, Defect.DURATION_BOUNDS_EXCLUSIVE,
      Defect.WINDOW_END_EXCLUSIVE, Defect.PAGE_OFF_BY_ONE, Defect.NO_TIE_BREAK, Defect.ORDER_IGNORED,
      Defect.SEARCH_BACKSLASH_ESCAPE);

  private PostgresSetup() {}

  static PostgresRunStore open(MockSettings settings, Tenants tenants, List<String> apps) {
    String unsupported = STORE_DEFECTS.stream().filter(settings.defects()::has)
        .map(Defect::cliName).collect(Collectors.joining(", "));
    if (!unsupported.isEmpty()) {
      throw new ConfigException("--defect " + unsupported + " cannot be combined with --db-url:"
          + " the PostgreSQL store implements the contract only (drop --db-url to use the defect)");
    }
    List<StoredRun> fromFiles =
        settings.dataFiles().isEmpty() ? null : RunFiles.load(settings.dataFiles(), tenants);
    PostgresRunStore store = PostgresRunStore.open(settings.database(), apps);
    try {
      if (fromFiles != null) {
        store.load(fromFiles);
      } else if (store.loadIfEmpty(() -> MockSetup.builtInDataset(settings, apps)).isEmpty()) {
        System.err.println("runs-mock-server: note: the database already holds runs; serving them"
            + " (the built-in dataset is loaded only into an empty database)");
      }
      return store;
    } catch (ConfigException e) {
      store.close();
      throw e;
    } catch (RuntimeException e) {
      store.close();
      throw new ConfigException("cannot load runs into the database " + settings.database().safeUrl()
          + ": " + e.getMessage());
    }
  }
}
