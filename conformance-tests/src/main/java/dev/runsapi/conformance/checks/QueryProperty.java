package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.engine.Property;
import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.List;
import java.util.Optional;

/**
 * Runs "the target answers each generated query as the oracle computes it from the baseline" and,
 * on a counterexample, reports the shrunk query with its evidence.
 */
public final class QueryProperty {
    /** Each shrink step costs a request; this bounds what one failing check may spend on it. */
    public static final int MAX_SHRINK_REQUESTS = 40;

    private QueryProperty() {
    }

    /**
     * Compares as a set of runs (filters) with limit 1000, page 0, no order; when runs are big, with the
     * page size of the {@link dev.runsapi.conformance.discovery.Budget}, reading every page ({@link PagedSets}).
     */
    public static boolean checkSets(CheckContext ctx, String rule, List<Query> examples, Gen<Query> gen, int tries) {
        Baseline b = ctx.baseline();
        int limit = b.budget().limit(1000);
        List<Query> ex = examples.stream().map(q -> forSets(q, limit)).toList();
        return check(ctx, rule, ex, gen.map(q -> forSets(q, limit)), tries,
                (q, exp, resp) -> PagedSets.asSet(ctx, b, q, exp, resp, rule));
    }

    private static Query forSets(Query q, int limit) {
        return q.withLimit(limit).withPage(null).withOrder(null);
    }

    public static boolean check(CheckContext ctx, String rule, List<Query> examples, Gen<Query> gen, int tries,
                                Judge compare) {
        Baseline b = ctx.baseline();
        Property.Outcome<Query, Mismatch> out = Property.forAll(gen)
                .examples(examples)
                .shrinkWith(new QueryShrinker())
                .tries(tries)
                .maxShrinkEvaluations(MAX_SHRINK_REQUESTS)
                .check(ctx.source(), q -> evaluate(ctx, b, q, compare));
        if (out.falsified()) {
            ctx.fail(finding(ctx, ctx.request(out.minimal()), out.evidence())
                    .withNote("found after " + out.triesRun() + " queries, shrunk in " + out.shrinkSteps()
                            + " steps (" + out.shrinkEvaluations() + " requests)"));
            return false;
        }
        return true;
    }

    public static Optional<Mismatch> evaluate(CheckContext ctx, Baseline b, Query q, Judge compare) {
        Expected exp = Oracle.answer(b.runs(), q);
        ApiResponse resp = ctx.sendGenerated(ctx.request(q));
        Optional<Mismatch> m = compare.judge(q, exp, resp);
        // on a live target the data may have changed since the baseline: a mismatch must stand against a re-read
        return m.isEmpty() ? m : LiveReread.confirm(ctx, b, q, resp, m.get(), compare);
    }

    /** Holds the answer to a query against the oracle's expectation. */
    @FunctionalInterface
    public interface Judge {
        Optional<Mismatch> judge(Query q, Expected expected, ApiResponse response);
    }

    public static Finding finding(CheckContext ctx, ApiRequest request, Mismatch m) {
        return new Finding(m.rule(), ctx.curl(request), m.expected(), m.got(), m.missing(), m.unexpected(), null,
                m.responseExcerpt());
    }
}
