package dev.runsapi.conformance.checks;

import java.util.List;

/** How an answer differs from the one the contract requires, and what kind of deviation that is. */
public record Mismatch(String rule, String expected, String got, List<String> missing, List<String> unexpected,
                       String responseExcerpt, String kind) {

    public Mismatch {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    public Mismatch(String rule, String expected, String got, List<String> missing, List<String> unexpected,
                    String responseExcerpt) {
        this(rule, expected, got, missing, unexpected, responseExcerpt, null);
    }

    public static Mismatch of(String rule, String expected, String got) {
        return new Mismatch(rule, expected, got, List.of(), List.of(), null);
    }

    public Mismatch withKind(String k) {
        return new Mismatch(rule, expected, got, missing, unexpected, responseExcerpt, k);
    }

    /** The kind given, else one told by the runs: "runs missing", "runs unexpected", both, or "total". */
    public String kindOrSets() {
        if (kind != null) {
            return kind;
        }
        if (!missing.isEmpty() && !unexpected.isEmpty()) {
            return "runs missing and unexpected";
        }
        if (!missing.isEmpty()) {
            return "runs missing";
        }
        if (!unexpected.isEmpty()) {
            return "runs unexpected";
        }
        return "total or page size";
    }
}
