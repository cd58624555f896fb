package dev.runsapi.mock.query;

import dev.runsapi.server.model.RunType;
import java.util.Arrays;
import java.util.List;

/**
 * The run types, as the contract lists them ({@code RunType} in openapi/runs-api.yaml, through the
 * generated model): what a query's {@code type} and a data file's {@code "type"} may say, and the
 * order in which the in-memory store gives each a bit.
 */
public final class RunTypes {
  public static final List<String> ALL =
      Arrays.stream(RunType.values()).map(RunType::getValue).toList();

  /** "one of llm, tool, chain, agent", for messages. */
  public static final String ONE_OF = "one of " + String.join(", ", ALL);

  private RunTypes() {}

  public static boolean isRunType(String value) {
    return ALL.contains(value);
  }
}
