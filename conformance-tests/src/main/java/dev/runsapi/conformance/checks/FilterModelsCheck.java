package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.oracle.Query;

import java.util.ArrayList;
import java.util.List;

/** {@code models}: exact, case-sensitive equality with {@code name}; a prefix does not match. */
public final class FilterModelsCheck implements Check {

    @Override
    public String name() {
        return "filter-models";
    }

    @Override
    public String clause() {
        return "parameter models: \"A run matches when its name equals one of the values exactly "
                + "(case-sensitive; gpt-4 does not match gpt-4o)\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of a model");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        List<String> names = b.names();
        List<Query> examples = new ArrayList<>();
        // Names that are a strict prefix of another name held (gpt-4 / gpt-4o) come first: the classic bug.
        for (String n : names) {
            if (names.stream().anyMatch(m -> !m.equals(n) && m.startsWith(n))) {
                examples.add(g.whole().withModels(List.of(n)));
            }
        }
        for (String n : names.subList(0, Math.min(6, names.size()))) {
            if (n.length() > 1) {
                examples.add(g.whole().withModels(List.of(n.substring(0, n.length() - 1))));
            }
            examples.add(g.whole().withModels(List.of(QueryGen.flipCase(n))));
        }
        Gen<Query> gen = s -> g.window().generate(s).withModels(g.models().generate(s));
        QueryProperty.checkSets(ctx, "models keeps exactly the runs whose name equals a value", examples, gen,
                ctx.tries());
    }
}
