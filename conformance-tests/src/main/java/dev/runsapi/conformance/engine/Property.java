package dev.runsapi.conformance.engine;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a property: generates up to {@code tries} values, and when one falsifies the property, shrinks
 * it greedily to a minimal value that still does. Evaluations may be expensive (a request each), so
 * both generation and shrinking are bounded.
 *
 * @param <T> the generated value
 */
public final class Property<T> {
    private final Gen<T> gen;
    private final Shrinker<T> shrinker;
    private final int tries;
    private final int maxShrinkEvaluations;
    private final java.util.List<T> examples;

    private Property(Gen<T> gen, Shrinker<T> shrinker, int tries, int maxShrinkEvaluations,
                     java.util.List<T> examples) {
        this.examples = java.util.List.copyOf(examples);
        this.gen = gen;
        this.shrinker = shrinker;
        this.tries = tries;
        this.maxShrinkEvaluations = maxShrinkEvaluations;
    }

    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(gen, Shrinker.none(), 100, 200, java.util.List.of());
    }

    public Property<T> shrinkWith(Shrinker<T> s) {
        return new Property<>(gen, s, tries, maxShrinkEvaluations, examples);
    }

    public Property<T> tries(int n) {
        return new Property<>(gen, shrinker, Math.max(0, n), maxShrinkEvaluations, examples);
    }

    public Property<T> maxShrinkEvaluations(int n) {
        return new Property<>(gen, shrinker, tries, Math.max(0, n), examples);
    }

    /** Values tried before the generated ones (edge cases known to matter), not counted in tries. */
    public Property<T> examples(java.util.List<T> values) {
        return new Property<>(gen, shrinker, tries, maxShrinkEvaluations, values);
    }

    /** The property holds for a value when {@code falsify} answers empty; else it answers the evidence. */
    public <E> Outcome<T, E> check(Source source, Function<? super T, Optional<E>> falsify) {
        int total = examples.size() + tries;
        for (int i = 1; i <= total; i++) {
            T value = i <= examples.size() ? examples.get(i - 1) : gen.generate(source);
            Optional<E> evidence = falsify.apply(value);
            if (evidence.isPresent()) {
                return shrink(source.seed(), i, value, evidence.get(), falsify);
            }
        }
        return new Outcome<>(source.seed(), false, total, null, null, null, 0, 0);
    }

    public Outcome<T, String> checkThat(Source source, Predicate<? super T> holds) {
        return check(source, v -> holds.test(v) ? Optional.empty() : Optional.of("falsified by " + v));
    }

    private <E> Outcome<T, E> shrink(long seed, int triesRun, T original, E originalEvidence,
                                     Function<? super T, Optional<E>> falsify) {
        T current = original;
        E evidence = originalEvidence;
        int steps = 0;
        int evaluations = 0;
        boolean progressed = true;
        while (progressed && evaluations < maxShrinkEvaluations) {
            progressed = false;
            Iterator<T> it = shrinker.candidates(current).iterator();
            while (it.hasNext() && evaluations < maxShrinkEvaluations) {
                T candidate = it.next();
                evaluations++;
                Optional<E> e = falsify.apply(candidate);
                if (e.isPresent()) {
                    current = candidate;
                    evidence = e.get();
                    steps++;
                    progressed = true;
                    break;
                }
            }
        }
        return new Outcome<>(seed, true, triesRun, original, current, evidence, steps, evaluations);
    }

    /**
     * What a property run found: when {@code falsified}, the first failing value, the minimal one it
     * shrank to and the evidence of the minimal one.
     */
    public record Outcome<T, E>(long seed, boolean falsified, int triesRun, T original, T minimal, E evidence,
                                int shrinkSteps, int shrinkEvaluations) {
        public boolean passed() {
            return !falsified;
        }
    }
}
