package dev.runsapi.mock.query;

import java.util.List;

/**
 * The run types, as the contract lists them ({@code RunType} in openapi/runs-api.yaml): what a
 * query's {@code type} and a data file's {@code "type"} may say, and the order in which the
 * in-memory store gives each a bit. Written out rather than taken from the generated model, so
 * that the store and the loader stand without the generated Spring code (the benchmarks use them
 * so); RunTypesTest holds the list to the generated enum.
 */
public final class RunTypes {
  public static final List<String> ALL = List.of("llm", "tool", "chain", "agent");

  /** "one of llm, tool, chain, agent", for messages. */
  public static final String ONE_OF = "one of " + String.join(", ", ALL);

  private RunTypes() {}

  public static boolean isRunType(String value) {
    return ALL.contains(value);
  }
}
