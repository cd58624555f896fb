package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;

import java.util.ArrayList;
import java.util.List;

/** {@code tags}: a run matches when it has ANY of the tags, exactly. */
public final class FilterTagsCheck implements Check {

    @Override
    public String name() {
        return "filter-tags";
    }

    @Override
    public String clause() {
        return "parameter tags: \"A run matches when it has ANY of the given tags (exact, case-sensitive)\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of a tag");
        List<String> tags = b.tags();
        if (tags.isEmpty()) {
            throw new SkipCheckException("no run of the target carries a tag");
        }
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        List<Query> examples = new ArrayList<>();
        tags.stream().limit(4).forEach(t -> examples.add(g.whole().withTags(List.of(t))));
        // Two tags that some run has one of but not both: ANY and ALL differ there.
        for (int i = 0; i < tags.size() && examples.size() < 8; i++) {
            for (int j = i + 1; j < tags.size() && examples.size() < 8; j++) {
                String x = tags.get(i);
                String y = tags.get(j);
                boolean differs = b.runs().stream().map(Run::tags).anyMatch(t -> t.contains(x) != t.contains(y));
                if (differs) {
                    examples.add(g.whole().withTags(List.of(x, y)));
                }
            }
        }
        Gen<Query> gen = s -> g.window().generate(s).withTags(g.tags().generate(s));
        QueryProperty.checkSets(ctx, "tags keeps exactly the runs that have any of the tags", examples, gen,
                ctx.tries());
    }
}
