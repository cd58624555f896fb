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
    /**
     * Each shrink step costs a request; this bounds what one counterexample may spend on it (a check spends
     * at most {@link CheckContext#SHRINK_BUDGET_PER_CHECK} over all of its counterexamples).
     */
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

    /**
     * Runs the property to the end of its tries: every distinct deviation is reported once (shrunk, with
     * how often it was seen and example ids), values a known counterexample covers are not tried again,
     * and values an earlier phase found refused are not drawn (said in the check's notes).
     */
    public static boolean check(CheckContext ctx, String rule, List<Query> examples, Gen<Query> gen, int tries,
                                Judge compare) {
        Baseline b = ctx.baseline();
        Property.Exploration<Query, Mismatch> out = Property.forAll(gen)
                .examples(examples)
                .shrinkWith(new QueryShrinker())
                .tries(tries)
                .maxShrinkEvaluations(MAX_SHRINK_REQUESTS)
                .explore(ctx.source(), q -> evaluate(ctx, b, q, compare), steering(ctx), ctx.shrinkBudget());
        ctx.spendShrink(out.shrinkEvaluations());
        for (Property.Counterexample<Query, Mismatch> c : out.counterexamples()) {
            ctx.fail(finding(ctx, ctx.request(c.minimal()), c.evidence())
                    .withCount(c.occurrences().size())
                    .withExamples(exampleIds(c.occurrences()))
                    .withNote("found at query " + c.foundAtTry() + ", shrunk in " + c.shrinkSteps() + " steps ("
                            + c.shrinkEvaluations() + " requests)"));
        }
        if (out.coveredSkipped() > 0) {
            ctx.note(out.coveredSkipped() + " generated value(s) of \"" + rule + "\" not tried: they have the value "
                    + "classes of a counterexample already found");
        }
        return out.passed();
    }

    /** Signatures and steering of query properties: value classes of the request (see {@link Causes}). */
    static <E> Property.Steering<Query, E> steering(CheckContext ctx, java.util.function.Function<E, Mismatch> m) {
        return new Property.Steering<>() {
            @Override
            public String signature(Query minimal, E evidence) {
                return finding(ctx, ctx.request(minimal), m.apply(evidence)).signature();
            }

            @Override
            public boolean sameFailure(E original, E candidate) {
                Mismatch a = m.apply(original);
                Mismatch b = m.apply(candidate);
                return a.rule().equals(b.rule()) && a.kindOrSets().equals(b.kindOrSets());
            }

            @Override
            public boolean covers(Query known, Query candidate) {
                return Causes.steersAway(ctx.causes(ctx.request(known)), ctx.causes(ctx.request(candidate)));
            }

            @Override
            public boolean avoid(Query candidate) {
                return ctx.avoid(ctx.request(candidate)).isPresent();
            }
        };
    }

    static Property.Steering<Query, Mismatch> steering(CheckContext ctx) {
        return steering(ctx, x -> x);
    }

    /** A few run ids the deviation concerns, over all its occurrences. */
    static List<String> exampleIds(List<Mismatch> occurrences) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (Mismatch m : occurrences) {
            m.missing().stream().limit(2).forEach(ids::add);
            m.unexpected().stream().limit(2).forEach(ids::add);
        }
        return ids.stream().limit(Finding.MAX_EXAMPLES).toList();
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
                m.responseExcerpt(), m.kindOrSets(), ctx.causes(request), 1, List.of());
    }
}
