package dev.runsapi.conformance.checks;

import java.util.List;

/** How an answer differs from the one the contract requires. */
public record Mismatch(String rule, String expected, String got, List<String> missing, List<String> unexpected,
                       String responseExcerpt) {

    public Mismatch {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    public static Mismatch of(String rule, String expected, String got) {
        return new Mismatch(rule, expected, got, List.of(), List.of(), null);
    }
}
