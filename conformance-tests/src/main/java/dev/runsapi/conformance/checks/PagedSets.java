package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A filter's answer compared as a set when the runs are too big for the whole result to come in one
 * page ({@link dev.runsapi.conformance.discovery.Budget#binds()}): page 0 is held to the rules of a page as
 * {@link Comparisons#asSet} holds it, and when the result is larger than the page the further pages are
 * read too, each held the same way, and together they must be exactly the matching runs, none twice. So
 * the filter is checked on every matching run of the baseline, as one page of 1000 checks nearly all of a
 * small-run baseline. On small runs it is {@link Comparisons#asSet} alone, as before the budget, so that a
 * seed sends the same queries it always did.
 */
final class PagedSets {

    private PagedSets() {
    }

    static Optional<Mismatch> asSet(CheckContext ctx, Baseline b, Query q, Expected exp, ApiResponse first,
                                    String rule) {
        Optional<Mismatch> page0 = Comparisons.asSet(exp, first, rule);
        if (page0.isPresent() || exp.total() <= exp.limit() || !b.budget().binds()) {
            return page0;
        }
        int limit = exp.limit();
        Set<String> expected = Comparisons.ids(exp.allMatching());
        Set<String> seen = new HashSet<>(Comparisons.read(first).page().ids());
        int pages = (int) ((exp.total() + limit - 1) / limit);
        for (int p = 1; p < pages; p++) {
            Query qp = q.withPage(p);
            Expected ep = Oracle.answer(b.runs(), qp);
            ApiResponse resp = ctx.sendGenerated(ctx.request(qp));
            Optional<Mismatch> m = Comparisons.asSet(ep, resp, rule);
            if (m.isPresent()) {
                return Optional.of(onPage(m.get(), p, limit));
            }
            List<String> twice = new ArrayList<>();
            for (String id : Comparisons.read(resp).page().ids()) {
                if (!seen.add(id)) {
                    twice.add(id);
                }
            }
            if (!twice.isEmpty()) {
                return Optional.of(onPage(Mismatch.of(rule, "each matching run once over the pages",
                        twice.size() + " run(s) already on an earlier page: " + Comparisons.abbreviate(twice)), p, limit));
            }
        }
        if (!seen.equals(expected)) {
            List<String> missing = exp.allMatching().stream().map(Run::id).filter(id -> !seen.contains(id)).toList();
            return Optional.of(new Mismatch(rule + " (read in pages of " + limit + ")",
                    "total " + exp.total() + ", every matching run on one of " + pages + " pages",
                    seen.size() + " distinct runs on the pages", missing, List.of(), null));
        }
        return Optional.empty();
    }

    private static Mismatch onPage(Mismatch m, int page, int limit) {
        return new Mismatch(m.rule() + " (read in pages of " + limit + ": page " + page + ")", m.expected(), m.got(),
                m.missing(), m.unexpected(), m.responseExcerpt());
    }
}
