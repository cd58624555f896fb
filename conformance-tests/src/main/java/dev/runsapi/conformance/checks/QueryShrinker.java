package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.engine.Shrinker;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.TimeBound;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Simpler versions of a failing query: fewer parameters, shorter lists, a shorter search term, one
 * duration bound instead of two, bounds written in UTC. The window itself is kept: a narrow window (one
 * instant, a tie) is what makes a counterexample telling, and a wider one would leave the baseline.
 */
public final class QueryShrinker implements Shrinker<Query> {
    @Override
    public Stream<Query> candidates(Query q) {
        List<Query> out = new ArrayList<>();
        if (q.search() != null) {
            out.add(q.withSearch(null));
        }
        if (!q.models().isEmpty()) {
            out.add(q.withModels(List.of()));
        }
        if (!q.tags().isEmpty()) {
            out.add(q.withTags(List.of()));
        }
        if (!q.types().isEmpty()) {
            out.add(q.withTypes(List.of()));
        }
        if (q.minDuration() != null && q.maxDuration() != null) {
            out.add(q.withDurations(null, q.maxDuration()));
            out.add(q.withDurations(q.minDuration(), null));
        } else if (q.minDuration() != null || q.maxDuration() != null) {
            out.add(q.withDurations(null, null));
        }
        if (q.page() != null && q.page() != 0) {
            out.add(q.withPage(0));
        }
        if (q.order() != null) {
            out.add(q.withOrder(null));
        }
        Shrinker<List<String>> lists = Shrinker.lists(Shrinker.none());
        lists.candidates(q.models()).filter(l -> !l.isEmpty()).forEach(l -> out.add(q.withModels(l)));
        lists.candidates(q.tags()).filter(l -> !l.isEmpty()).forEach(l -> out.add(q.withTags(l)));
        lists.candidates(q.types()).filter(l -> !l.isEmpty()).forEach(l -> out.add(q.withTypes(l)));
        if (!isUtc(q.start()) || !isUtc(q.end())) {
            out.add(q.withWindow(TimeBound.of(q.start().instant()), TimeBound.of(q.end().instant())));
        }
        if (q.search() != null) {
            Shrinker.strings().candidates(q.search()).forEach(s -> out.add(q.withSearch(s)));
        }
        return out.stream();
    }

    private static boolean isUtc(TimeBound t) {
        return t.wire().endsWith("Z");
    }
}
