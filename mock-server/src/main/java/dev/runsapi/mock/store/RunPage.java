package dev.runsapi.mock.store;

import java.util.List;

/** The runs of one page, in answer order, and the number of all runs that matched. */
public record RunPage(List<StoredRun> runs, long total) {}
