package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.engine.Property;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.report.Finding;

import java.util.List;

/** page/limit: the slice [page*limit, page*limit + limit) of the matching runs, with the true total. */
public final class PaginationCheck implements Check {

    @Override
    public String name() {
        return "pagination";
    }

    @Override
    public String clause() {
        return "listRuns: \"page page of size limit is the slice [page*limit, page*limit + limit) of that sorted "
                + "list. total counts all matching runs, whatever page and limit are\"; parameter page: \"A page past "
                + "the end is a 200 with empty data and the true total. Echoed\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline read = ctx.baseline();
        for (Baseline.Anomaly a : read.anomalies()) {
            ctx.fail(Finding.of("reading a window in one page (limit " + read.budget().pageSize() + ") is self-consistent",
                    a.request() == null ? null : ctx.curl(a.request()),
                    "total equal to the runs answered, each run inside the window, in one window only", a.message()));
        }
        if (!read.consistent()) {
            return;
        }
        Baseline b = ctx.baselineWithRuns("compute the expected pages");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        // The baseline again, with other page sizes and both orders: a server that lies consistently in one
        // way of reading is caught by another.
        // Page sizes scale down with the budget when runs are big (700 and 1000 on small runs).
        int most = b.budget().limit(1000);
        List<Query> examples = List.of(g.whole().withLimit(Math.max(1, most * 7 / 10)).withOrder("asc"),
                g.whole().withLimit(most),
                g.whole().withLimit(7).withWindow(b.start(), b.start()));
        Gen<Query> gen = s -> {
            Query q = g.window().generate(s);
            if (s.chance(0.4)) {
                q = FilterCombinedCheck.combine(g, s, q);
            }
            if (s.chance(0.5)) {
                q = q.withOrder(s.chance(0.5) ? "asc" : "desc");
            }
            long total = Oracle.answer(b.runs(), q).total();
            int limit;
            if (total == 0) {
                limit = s.between(1, 10);
            } else {
                int min = (int) Math.max(1, (total + 4) / 5);
                List<Integer> edges = List.of((int) total, (int) Math.max(1, total - 1), (int) total + 1, min);
                limit = s.chance(0.4) ? s.pick(edges) : s.between(min, (int) total + 2);
            }
            return q.withLimit(Math.min(most, limit));
        };
        Property.Exploration<Query, Paging.Broken> out = Property.forAll(gen)
                .examples(examples)
                .shrinkWith(new QueryShrinker())
                .tries(Math.max(3, ctx.tries() / 3))
                .maxShrinkEvaluations(8)
                .explore(ctx.source(), q -> Paging.pageThrough(ctx, b.runs(), q)
                                // on a live target the data may have changed since the baseline: re-read before blaming
                                .flatMap(broken -> LiveReread.confirm(ctx, b, q, broken, null,
                                        runs -> Paging.pageThrough(ctx, runs, q))),
                        QueryProperty.steering(ctx, Paging.Broken::mismatch), ctx.shrinkBudget());
        ctx.spendShrink(out.shrinkEvaluations());
        for (Property.Counterexample<Query, Paging.Broken> c : out.counterexamples()) {
            Paging.Broken br = c.evidence();
            ctx.fail(QueryProperty.finding(ctx, br.request(), br.mismatch())
                    .withCount(c.occurrences().size())
                    .withExamples(QueryProperty.exampleIds(c.occurrences().stream().map(Paging.Broken::mismatch)
                            .toList()))
                    .withNote("while paging through the query with limit " + c.minimal().effectiveLimit()
                            + "; found at query " + c.foundAtTry() + ", shrunk in " + c.shrinkSteps() + " steps"));
        }
    }
}
