package dev.runsapi.conformance.report;

import java.util.List;

/**
 * One contract violation with its evidence: the rule broken, the (minimal) request as a copy-paste
 * curl command, what the contract expects and what came back; for sets of runs, the ids missing and
 * the ids that should not be there.
 */
public record Finding(String rule, String curl, String expected, String got, List<String> missingIds,
                      List<String> unexpectedIds, String note, String responseExcerpt) {

    public Finding {
        missingIds = List.copyOf(missingIds);
        unexpectedIds = List.copyOf(unexpectedIds);
    }

    public static Finding of(String rule, String curl, String expected, String got) {
        return new Finding(rule, curl, expected, got, List.of(), List.of(), null, null);
    }

    public Finding withNote(String n) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, n, responseExcerpt);
    }

    public Finding withResponse(String excerpt) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, note, excerpt);
    }

    public Finding withIds(List<String> missing, List<String> unexpected) {
        return new Finding(rule, curl, expected, got, missing, unexpected, note, responseExcerpt);
    }
}
