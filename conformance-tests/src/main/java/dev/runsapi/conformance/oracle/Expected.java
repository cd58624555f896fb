package dev.runsapi.conformance.oracle;

import java.util.List;

/** What the contract says a query must answer: all matching runs in order, the page, and the total. */
public record Expected(List<Run> allMatching, List<Run> page, int pageNumber, int limit) {

    public long total() {
        return allMatching.size();
    }
}
