package dev.runsapi.conformance.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The fields of a run that the contract's query rules look at. {@code duration} is kept as the exact
 * decimal the server wrote, since the duration filters compare that value.
 */
public record Run(String id, String type, String name, Instant createdAt, Instant endedAt, BigDecimal duration,
                  List<String> tags, String input, String output, String error) {

    public Run {
        tags = List.copyOf(tags);
    }

    public boolean finished() {
        return duration != null;
    }
}
