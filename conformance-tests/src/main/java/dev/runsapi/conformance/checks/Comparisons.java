package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.MalformedAnswerException;
import dev.runsapi.conformance.wire.RunsPage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Holds an answer against the oracle's: as a set (filters) or as an exact ordered slice (paging, order). */
public final class Comparisons {

    private Comparisons() {
    }

    public static RunsPageOrMismatch read(ApiResponse response) {
        try {
            return new RunsPageOrMismatch(RunsPage.from(response), null);
        } catch (MalformedAnswerException e) {
            String kind = response.status() != 200 ? response.status() + " where 200" : "not a RunsPage";
            return new RunsPageOrMismatch(null, new Mismatch("a valid query is answered 200 with a RunsPage",
                    "200 application/json RunsPage", e.getMessage(), List.of(), List.of(), response.bodyExcerpt(300),
                    kind));
        }
    }

    /** Either the page or why it could not be read. */
    public record RunsPageOrMismatch(RunsPage page, Mismatch mismatch) {
    }

    /**
     * The runs that match, whatever their order: {@code total} exact; when the whole result fits the page,
     * the page holds exactly the matching runs, else only matching runs and as many as the page allows.
     */
    public static Optional<Mismatch> asSet(Expected exp, ApiResponse response, String rule) {
        RunsPageOrMismatch r = read(response);
        if (r.mismatch() != null) {
            return Optional.of(r.mismatch());
        }
        RunsPage got = r.page();
        Set<String> expectedAll = ids(exp.allMatching());
        List<String> gotIds = got.ids();
        Set<String> gotSet = new LinkedHashSet<>(gotIds);
        List<String> unexpected = gotIds.stream().filter(id -> !expectedAll.contains(id)).distinct().toList();
        boolean whole = exp.total() <= exp.limit() && exp.pageNumber() == 0;
        List<String> missing = whole ? exp.allMatching().stream().map(Run::id).filter(id -> !gotSet.contains(id))
                .toList() : List.of();
        long expectedSize = exp.page().size();
        if (got.total() != exp.total() || !unexpected.isEmpty() || !missing.isEmpty()
                || gotIds.size() != expectedSize || gotSet.size() != gotIds.size()) {
            String dup = gotSet.size() != gotIds.size() ? " (with duplicates)" : "";
            // Without the whole result on the page, which runs are missing is unknown: the totals tell the kind.
            // A page of the right size holding only matching runs, none twice, shows only that the count is
            // wrong ("total"), not that runs are: a server counting wrongly would otherwise look like every
            // filter dropping runs, and hide a filter that does.
            boolean pageRight = gotIds.size() == expectedSize && gotSet.size() == gotIds.size();
            String kind = !missing.isEmpty() || !unexpected.isEmpty() ? null
                    : pageRight ? "total"
                    : got.total() < exp.total() || gotIds.size() < expectedSize ? "runs missing"
                    : got.total() > exp.total() || gotIds.size() > expectedSize ? "runs unexpected" : "duplicates";
            return Optional.of(new Mismatch(rule, "total " + exp.total() + ", " + expectedSize + " runs on the page",
                    "total " + got.total() + ", " + gotIds.size() + " runs on the page" + dup, missing, unexpected,
                    null, kind));
        }
        return Optional.empty();
    }

    /** Exactly the expected slice, in order, with the expected total and echoes. */
    public static Optional<Mismatch> asSlice(Expected exp, ApiResponse response, String rule) {
        RunsPageOrMismatch r = read(response);
        if (r.mismatch() != null) {
            return Optional.of(r.mismatch());
        }
        RunsPage got = r.page();
        List<String> expectedIds = exp.page().stream().map(Run::id).toList();
        if (got.total() != exp.total() || !got.ids().equals(expectedIds)) {
            Set<String> gotSet = new HashSet<>(got.ids());
            Set<String> expSet = new HashSet<>(expectedIds);
            List<String> missing = expectedIds.stream().filter(id -> !gotSet.contains(id)).toList();
            List<String> unexpected = got.ids().stream().filter(id -> !expSet.contains(id)).toList();
            int at = firstDifference(expectedIds, got.ids());
            boolean tie = at >= 0 && at < expectedIds.size() && at < got.ids().size()
                    && exp.page().get(at).createdAt().equals(got.data().get(at).createdAt());
            String kind = !gotSet.equals(expSet) || got.ids().size() != expectedIds.size() ? "page slice"
                    : !got.ids().equals(expectedIds) ? (tie ? "order of ties" : "order") : "total";
            String where = at < 0 ? "" : "; first difference at position " + at;
            return Optional.of(new Mismatch(rule, "total " + exp.total() + ", " + expectedIds.size() + " runs" + where
                    + (at < 0 ? "" : ": " + around(exp.page(), at)),
                    "total " + got.total() + ", " + got.ids().size() + " runs" + where
                            + (at < 0 ? "" : ": " + around(got.data(), at)), missing, unexpected, null, kind));
        }
        if (got.page() != exp.pageNumber() || got.limit() != exp.limit()) {
            return Optional.of(Mismatch.of(rule + " (page and limit are echoed)",
                    "page " + exp.pageNumber() + ", limit " + exp.limit(),
                    "page " + got.page() + ", limit " + got.limit()).withKind("echo"));
        }
        return Optional.empty();
    }

    /**
     * The order alone: the runs answered are sorted by createdAt then id in the direction asked, whatever
     * runs they are (which runs is the filters' business). When the result is larger than the page, the
     * page must also be its first slice, which only the oracle knows.
     */
    public static Optional<Mismatch> inOrder(boolean ascending, Expected exp, ApiResponse response) {
        RunsPageOrMismatch r = read(response);
        if (r.mismatch() != null) {
            return Optional.of(r.mismatch());
        }
        List<Run> got = r.page().data();
        java.util.Comparator<Run> order = ascending ? Oracle.ASCENDING : Oracle.ASCENDING.reversed();
        for (int i = 1; i < got.size(); i++) {
            if (order.compare(got.get(i - 1), got.get(i)) > 0) {
                Run a = got.get(i - 1);
                Run b = got.get(i);
                // Ties out of order (no tie-break) and instants out of order (no sort) are different deviations.
                String kind = a.createdAt().equals(b.createdAt()) ? "order of ties" : "order";
                return Optional.of(Mismatch.of("runs come sorted by createdAt, ties by id (ordinal), in the direction of "
                                + "order",
                        (ascending ? "asc: " : "desc: ") + b.id() + " (" + b.createdAt() + ") before " + a.id() + " ("
                                + a.createdAt() + ")",
                        a.id() + " (" + a.createdAt() + ") at position " + (i - 1) + ", then " + b.id() + " ("
                                + b.createdAt() + "): " + around(got, i - 1)).withKind(kind));
            }
        }
        if (exp.total() > exp.limit() && r.page().total() == exp.total()) {
            return asSlice(exp, response, "the page is the first slice of the sorted result");
        }
        return Optional.empty();
    }

    public static Set<String> ids(List<Run> runs) {
        Set<String> s = new LinkedHashSet<>();
        runs.forEach(r -> s.add(r.id()));
        return s;
    }

    /** The first position where two id lists differ (a missing tail counts), or -1 when they are equal. */
    public static int firstDifference(List<String> expected, List<String> got) {
        int n = Math.min(expected.size(), got.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(got.get(i))) {
                return i;
            }
        }
        return expected.size() == got.size() ? -1 : n;
    }

    /** The runs at positions {@code at-1 .. at+1}, with their createdAt, so that the difference shows. */
    public static String around(List<Run> runs, int at) {
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, at - 1); i <= Math.min(runs.size() - 1, at + 1); i++) {
            out.add("[" + i + "] " + runs.get(i).id() + " " + runs.get(i).createdAt());
        }
        return out.isEmpty() ? "(no run at position " + at + ")" : String.join(", ", out);
    }

    /** At most the first 6 and the last 2 ids, so that long pages stay readable. */
    public static String abbreviate(List<String> ids) {
        if (ids.size() <= 8) {
            return ids.toString();
        }
        List<String> s = new ArrayList<>(ids.subList(0, 6));
        s.add("... (" + ids.size() + " runs) ...");
        s.addAll(ids.subList(ids.size() - 2, ids.size()));
        return s.toString();
    }
}
