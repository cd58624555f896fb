package dev.runsapi.mock.query;

import java.util.List;

/** Either a valid query or every parameter problem found; never both. */
public record ParsedQuery(RunQuery query, List<ParameterProblem> problems) {

  public static ParsedQuery valid(RunQuery query) {
    return new ParsedQuery(query, List.of());
  }

  public static ParsedQuery invalid(List<ParameterProblem> problems) {
    return new ParsedQuery(null, List.copyOf(problems));
  }

  public boolean isValid() {
    return problems.isEmpty();
  }
}
