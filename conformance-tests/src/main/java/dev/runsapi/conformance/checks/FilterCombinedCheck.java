package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.engine.Source;
import dev.runsapi.conformance.oracle.Query;

import java.util.OptionalLong;

/** Every filter at once: different filters combine with AND; adding one never raises the total. */
public final class FilterCombinedCheck implements Check {

    @Override
    public String name() {
        return "filter-combined";
    }

    @Override
    public String clause() {
        return "listRuns: \"match every filter given. Different filters combine with AND; the values of one array "
                + "filter combine with OR\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of combined filters");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        Gen<Query> gen = s -> combine(g, s, g.window().generate(s));
        QueryProperty.checkSets(ctx, "combined filters keep exactly the runs that match all of them", java.util.List.of(),
                gen, ctx.tries() * 2);
        monotone(ctx, g);
    }

    /** Each filter present with probability 1/2, at least two of them. */
    static Query combine(QueryGen g, Source s, Query base) {
        Query q = base;
        int n = 0;
        while (n < 2) {
            if (s.chance(0.5)) {
                q = q.withTypes(g.types().generate(s));
                n++;
            }
            if (s.chance(0.5)) {
                q = q.withModels(g.models().generate(s));
                n++;
            }
            if (s.chance(0.5)) {
                q = q.withTags(g.tags().generate(s));
                n++;
            }
            if (s.chance(0.5)) {
                q = q.withSearch(g.search().generate(s));
                n++;
            }
            if (s.chance(0.5)) {
                String[] d = g.durations().generate(s);
                q = q.withDurations(d[0], d[1]);
                n++;
            }
        }
        return q;
    }

    /** Over the widest window, with no full read: adding a filter to a query never raises its total. */
    private void monotone(CheckContext ctx, QueryGen g) {
        Source s = ctx.source().fork("monotone");
        Query wide = ctx.query(Discovery.WIDE_START, ctx.horizon());
        for (int i = 0; i < Math.max(2, ctx.tries() / 8); i++) {
            Query q = combine(g, s, wide);
            Query fewer = q.withSearch(null).withDurations(null, null);
            OptionalLong more = Totals.of(ctx, q);
            OptionalLong less = Totals.of(ctx, fewer);
            if (more.isPresent() && less.isPresent() && more.getAsLong() > less.getAsLong()) {
                ctx.fail(Totals.relationBroken(ctx, "adding filters (search, durations) never raises total", q,
                        "total at most " + less.getAsLong() + " (the total without search and durations)",
                        "total " + more.getAsLong()));
                return;
            }
        }
    }
}
