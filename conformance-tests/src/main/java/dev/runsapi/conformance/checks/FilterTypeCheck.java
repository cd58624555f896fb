package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.oracle.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** {@code type}: any of the given types; the four types partition the runs. */
public final class FilterTypeCheck implements Check {

    @Override
    public String name() {
        return "filter-type";
    }

    @Override
    public String clause() {
        return "parameter type: \"A run matches when its type is any of the given types\"; "
                + "listRuns: \"the values of one array filter combine with OR\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of a type");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        List<Query> examples = new ArrayList<>();
        QueryGen.TYPES.forEach(t -> examples.add(g.whole().withTypes(List.of(t))));
        examples.add(g.whole().withTypes(List.of("llm", "agent")));
        Gen<Query> gen = s -> g.window().generate(s).withTypes(g.types().generate(s));
        QueryProperty.checkSets(ctx, "type keeps exactly the runs of the given types", examples, gen, ctx.tries());
        partition(ctx);
    }

    /** Over the widest window, with no full read: the totals per type add up to the total. */
    private void partition(CheckContext ctx) {
        Query all = ctx.query(Discovery.WIDE_START, ctx.horizon());
        OptionalLong total = Totals.of(ctx, all);
        long sum = 0;
        List<String> parts = new ArrayList<>();
        for (String t : QueryGen.TYPES) {
            OptionalLong n = Totals.of(ctx, all.withTypes(List.of(t)));
            if (n.isEmpty()) {
                return;
            }
            sum += n.getAsLong();
            parts.add(t + "=" + n.getAsLong());
        }
        if (total.isPresent() && sum != total.getAsLong()) {
            ctx.fail(Totals.relationBroken(ctx, "the totals of type=llm, tool, chain, agent add up to the total "
                    + "without type (every run has exactly one of the four types)", all,
                    "sum of totals " + total.getAsLong(), "sum " + sum + " (" + String.join(", ", parts) + ")"));
        }
    }
}
