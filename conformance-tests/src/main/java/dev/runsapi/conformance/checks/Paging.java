package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.RunsPage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads every page of a query and one past the end, holding each page to the paging rules: the pages
 * together are the matching runs, no duplicate and no gap; page p has min(limit, max(0, total - p*limit))
 * runs; total never changes; page and limit are echoed. The order inside the result is the
 * {@code ordering} check's business, so runs are compared as sets here.
 */
public final class Paging {

    private Paging() {
    }

    /** A paging rule broken, with the request that showed it. */
    public record Broken(ApiRequest request, Mismatch mismatch) {
    }

    public static Optional<Broken> pageThrough(CheckContext ctx, Collection<Run> runs, Query q) {
        Expected all = Oracle.answer(runs, q.withPage(0));
        long total = all.total();
        int limit = q.effectiveLimit();
        Set<String> expected = Comparisons.ids(all.allMatching());
        Set<String> seen = new LinkedHashSet<>();
        int lastPage = (int) ((total + limit - 1) / limit);
        List<Integer> pages = pagesToRead(lastPage);
        boolean everyPage = pages.size() == lastPage + 1;
        ApiRequest last = null;
        for (int p : pages) {
            ApiRequest req = ctx.request(q.withPage(p));
            last = req;
            Comparisons.RunsPageOrMismatch r = Comparisons.read(ctx.sendGenerated(req));
            if (r.mismatch() != null) {
                return Optional.of(new Broken(req, r.mismatch()));
            }
            RunsPage got = r.page();
            if (got.total() != total) {
                return Optional.of(new Broken(req, Mismatch.of("total counts all matching runs, on every page",
                        "total " + total, "total " + got.total()).withKind("total")));
            }
            if (got.page() != p || got.limit() != limit) {
                return Optional.of(new Broken(req, Mismatch.of("page and limit are echoed",
                        "page " + p + ", limit " + limit, "page " + got.page() + ", limit " + got.limit()).withKind("echo")));
            }
            long size = Math.min(limit, Math.max(0, total - (long) p * limit));
            if (got.data().size() != size) {
                return Optional.of(new Broken(req, Mismatch.of("page p holds min(limit, max(0, total - p*limit)) runs"
                        + (p == lastPage ? " (a page past the end is empty)" : ""),
                        size + " runs", got.data().size() + " runs").withKind("page size")));
            }
            List<String> dup = got.ids().stream().filter(id -> !seen.add(id)).toList();
            List<String> unexpected = got.ids().stream().filter(id -> !expected.contains(id)).toList();
            if (!dup.isEmpty() || !unexpected.isEmpty()) {
                return Optional.of(new Broken(req, new Mismatch(dup.isEmpty() ? "pages hold only matching runs"
                        : "no run is on two pages", "no run seen before, only matching runs",
                        dup.size() + " run(s) already on an earlier page: " + dup, List.of(), unexpected, null,
                        dup.isEmpty() ? null : "duplicates")));
            }
        }
        if (everyPage && !seen.equals(expected)) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seen);
            List<String> gap = all.allMatching().stream().map(Run::id).filter(missing::contains).toList();
            return Optional.of(new Broken(last, new Mismatch("the pages together hold every matching run (no gap)",
                    total + " distinct runs over " + lastPage + " page(s)", seen.size() + " distinct runs", gap,
                    List.of(), null)));
        }
        return Optional.empty();
    }

    /**
     * The pages read of a result of {@code lastPage} pages (and the one past the end): every one up to
     * {@link #MAX_PAGES}; of a longer result the first ones, the last and the one past the end, so that one
     * query with a small limit over a large result (a shrink step dropping a filter, say) costs a bounded
     * number of requests. Each page read is held to every rule; "no gap" needs them all, so only then.
     */
    static List<Integer> pagesToRead(int lastPage) {
        List<Integer> pages = new ArrayList<>();
        if (lastPage < MAX_PAGES) {
            for (int p = 0; p <= lastPage; p++) {
                pages.add(p);
            }
            return pages;
        }
        for (int p = 0; p < MAX_PAGES - 2; p++) {
            pages.add(p);
        }
        pages.add(lastPage - 1);
        pages.add(lastPage);
        return pages;
    }

    /** The most pages one paging-through reads. */
    static final int MAX_PAGES = 40;

    /** All distinct runs of a list of pages, for callers that need them. */
    public static List<String> idsOf(List<Run> runs) {
        return new ArrayList<>(Comparisons.ids(runs));
    }
}
