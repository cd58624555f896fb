package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.oracle.Query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** {@code min_duration}/{@code max_duration}: inclusive, 0 a real bound, unfinished runs excluded. */
public final class FilterDurationCheck implements Check {

    @Override
    public String name() {
        return "filter-duration";
    }

    @Override
    public String clause() {
        return "parameters min_duration, max_duration: \"inclusive ... 0 is a real bound ... When min_duration or "
                + "max_duration is given, runs that have not ended (endedAt null) do not match\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of a duration range");
        List<BigDecimal> ds = b.durations();
        if (ds.isEmpty()) {
            throw new SkipCheckException("no run of the target has ended, so no duration can be probed");
        }
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        List<Query> examples = new ArrayList<>();
        examples.add(g.whole().withDurations("0", null));
        BigDecimal lo = ds.get(0);
        BigDecimal mid = ds.get(ds.size() / 2);
        BigDecimal hi = ds.get(ds.size() - 1);
        for (BigDecimal d : List.of(mid, lo, hi)) {
            String s = d.toPlainString();
            examples.add(g.whole().withDurations(s, null));
            examples.add(g.whole().withDurations(null, s));
            examples.add(g.whole().withDurations(s, s));
        }
        examples.add(g.whole().withDurations(null, "0"));
        Gen<Query> gen = s -> {
            String[] d = g.durations().generate(s);
            return g.window().generate(s).withDurations(d[0], d[1]);
        };
        QueryProperty.checkSets(ctx, "min_duration/max_duration keep exactly the ended runs whose duration lies "
                + "in the bounds, both inclusive", examples, gen, ctx.tries());
    }
}
