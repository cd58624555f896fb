package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.TimeBound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sorted by createdAt, ties broken by id (ordinal), both in the direction of order. */
public final class OrderingCheck implements Check {

    @Override
    public String name() {
        return "ordering";
    }

    @Override
    public String clause() {
        return "listRuns: \"sorted by createdAt, ties broken by id (ordinal), both in the direction order\"; "
                + "Conventions: \"Ordering of ids is ordinal ... as Java's String.compareTo\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected order");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        // Pages of the budget's size (1000 unless runs are big): each answer sorted, and a page of a larger
        // result its first slice, so big runs check the same order over a shorter page.
        int limit = b.budget().limit(1000);
        List<Query> examples = new ArrayList<>();
        for (Instant t : b.ties().keySet().stream().limit(4).toList()) {
            TimeBound at = TimeBound.of(t);
            examples.add(g.whole().withWindow(at, at).withOrder("asc").withLimit(limit));
            examples.add(g.whole().withWindow(at, at).withOrder("desc").withLimit(limit));
        }
        for (Baseline.Chunk c : b.chunks()) {
            examples.add(g.whole().withWindow(c.start(), c.end()).withOrder("asc").withLimit(limit));
            examples.add(g.whole().withWindow(c.start(), c.end()).withOrder("desc").withLimit(limit));
        }
        Gen<Query> gen = s -> {
            Query q = g.window().generate(s);
            if (s.chance(0.3)) {
                q = FilterCombinedCheck.combine(g, s, q);
            }
            return q.withOrder(s.chance(0.5) ? "asc" : "desc").withLimit(limit);
        };
        QueryProperty.check(ctx, "runs come sorted by createdAt, ties by id, in the direction of order", examples,
                gen, Math.max(2, ctx.tries() / 2), (q, exp, resp) -> Comparisons.inOrder(q.ascending(), exp, resp));
        if (!ctx.failed() && b.ties().isEmpty()) {
            throw new SkipCheckException("order by createdAt holds, but no two runs of the target share a createdAt,"
                    + " so the id tie-break could not be checked");
        }
    }
}
