package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.TimeBound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The window [start_time, end_time] on createdAt: both ends inclusive, bounds compared as instants. */
public final class FilterTimeWindowCheck implements Check {

    @Override
    public String name() {
        return "filter-time-window";
    }

    @Override
    public String clause() {
        return "listRuns: \"whose createdAt lies in the window [start_time, end_time] (both ends inclusive)\"; "
                + "Conventions: \"Query bounds may use any offset and any fractional precision and are compared "
                + "as exact instants\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of a window");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        List<Instant> instants = b.instants();
        List<Query> examples = new ArrayList<>();
        List<Instant> probes = new ArrayList<>(b.ties().keySet().stream().limit(2).toList());
        probes.add(instants.get(0));
        probes.add(instants.get(instants.size() / 2));
        probes.add(instants.get(instants.size() - 1));
        for (Instant t : probes) {
            TimeBound at = TimeBound.of(t);
            examples.add(g.whole().withWindow(b.start(), at));
            examples.add(g.whole().withWindow(at, b.end()));
            examples.add(g.whole().withWindow(at, at));
        }
        Instant t = instants.get(instants.size() / 2);
        examples.add(g.whole().withWindow(TimeBound.at(t, ZoneOffset.ofHoursMinutes(5, 30)),
                TimeBound.at(t, ZoneOffset.ofHours(-8))));
        examples.add(g.whole().withWindow(TimeBound.of(t.plusNanos(1)), b.end()));
        examples.add(g.whole().withWindow(b.start(), TimeBound.of(t.minusNanos(1))));
        QueryProperty.checkSets(ctx, "the window keeps exactly the runs created in [start_time, end_time], both "
                + "ends inclusive", examples, g.window(), ctx.tries());
        splits(ctx, probes);
    }

    /**
     * Splitting the widest window at an instant t: [S, t] and [t, E] share t, so their totals add up to
     * the total plus the runs at t; [S, t] and [t + 1 ns, E] share nothing and add up exactly.
     */
    private void splits(CheckContext ctx, List<Instant> at) {
        Query all = ctx.query(Discovery.WIDE_START, ctx.horizon());
        OptionalLong total = Totals.of(ctx, all);
        for (Instant t : at.subList(0, Math.min(3, at.size()))) {
            TimeBound tb = TimeBound.of(t);
            OptionalLong left = Totals.of(ctx, all.withWindow(Discovery.WIDE_START, tb));
            OptionalLong right = Totals.of(ctx, all.withWindow(tb, ctx.horizon()));
            OptionalLong exact = Totals.of(ctx, all.withWindow(tb, tb));
            OptionalLong after = Totals.of(ctx, all.withWindow(tb.plusNanos(1), ctx.horizon()));
            if (total.isEmpty() || left.isEmpty() || right.isEmpty() || exact.isEmpty() || after.isEmpty()) {
                return;
            }
            long n = total.getAsLong();
            if (left.getAsLong() + right.getAsLong() - exact.getAsLong() != n) {
                ctx.fail(Totals.relationBroken(ctx, "a window split at an instant t: total[S,t] + total[t,E] - "
                        + "total[t,t] = total[S,E]", all.withWindow(tb, tb), "total[S,E] = " + n,
                        left.getAsLong() + " + " + right.getAsLong() + " - " + exact.getAsLong()));
            }
            if (left.getAsLong() + after.getAsLong() != n) {
                ctx.fail(Totals.relationBroken(ctx, "a window split between t and t + 1 ns: total[S,t] + "
                        + "total[t+1ns,E] = total[S,E]", all.withWindow(tb.plusNanos(1), ctx.horizon()),
                        "total[S,E] = " + n, left.getAsLong() + " + " + after.getAsLong()));
            }
        }
    }
}
