package dev.runsapi.mock.store;

import dev.runsapi.mock.query.RunQuery;

/**
 * Where runs are read from. The HTTP layer knows only this interface, so that another backend (a
 * SQL database, say) can answer the same queries without touching it. Implementations are safe for
 * concurrent use.
 */
public interface RunStore {

  /** Whether the app exists at all (whoever owns it). */
  boolean hasApp(String appId);

  /**
   * The page of runs of {@code appId} that match {@code query}, sorted and sliced as the contract's
   * listRuns describes, and the number of all matching runs. An unknown app has no runs.
   */
  RunPage query(String appId, RunQuery query);
}
