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
        return shrink(seed, triesRun, original, originalEvidence, falsify, maxShrinkEvaluations, (a, b) -> true);
    }

    /** Greedy shrinking that keeps only candidates failing the {@code same} way as the original. */
    private <E> Outcome<T, E> shrink(long seed, int triesRun, T original, E originalEvidence,
                                     Function<? super T, Optional<E>> falsify, int budget,
                                     java.util.function.BiPredicate<E, E> same) {
        T current = original;
        E evidence = originalEvidence;
        int steps = 0;
        int evaluations = 0;
        boolean progressed = true;
        while (progressed && evaluations < budget) {
            progressed = false;
            Iterator<T> it = shrinker.candidates(current).iterator();
            while (it.hasNext() && evaluations < budget) {
                T candidate = it.next();
                evaluations++;
                Optional<E> e = falsify.apply(candidate);
                if (e.isPresent() && same.test(originalEvidence, e.get())) {
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
     * Runs the property to the end of its budget instead of stopping at the first counterexample: each
     * counterexample is shrunk (within {@code shrinkBudget} evaluations for the whole exploration, at most
     * {@link #maxShrinkEvaluations} each), filed under its signature, and generation goes on. A generated
     * value that a known counterexample {@linkplain Steering#covers covers} is skipped without being
     * evaluated (it would most likely fail the same way), as is one the steering tells to {@linkplain
     * Steering#avoid avoid}; skipped values do not count as tries, and at most {@code 5 * tries} values are
     * drawn. The values are drawn from {@code source} in the same order as {@link #check} draws them, so a
     * property that holds sees exactly the values {@code check} would have shown it.
     */
    public <E> Exploration<T, E> explore(Source source, Function<? super T, Optional<E>> falsify,
                                         Steering<T, E> steering, int shrinkBudget) {
        java.util.Map<String, Counterexample<T, E>> found = new java.util.LinkedHashMap<>();
        int budgetLeft = Math.max(0, shrinkBudget);
        int evaluated = 0;
        int covered = 0;
        int avoided = 0;
        int generated = 0;
        int drawn = 0;
        int maxDraws = 5 * tries;
        for (int i = 0; ; i++) {
            boolean example = i < examples.size();
            if (!example && (generated >= tries || drawn >= maxDraws)) {
                break;
            }
            T value;
            if (example) {
                value = examples.get(i);
            } else {
                value = gen.generate(source);
                drawn++;
            }
            if (steering.avoid(value)) {
                avoided++;
                continue;
            }
            if (found.values().stream().anyMatch(c -> steering.covers(c.minimal(), value))) {
                covered++;
                continue;
            }
            if (!example) {
                generated++;
            }
            evaluated++;
            Optional<E> evidence = falsify.apply(value);
            if (evidence.isEmpty()) {
                continue;
            }
            Outcome<T, E> shrunk = shrink(source.seed(), evaluated, value, evidence.get(), falsify,
                    Math.min(budgetLeft, maxShrinkEvaluations), steering::sameFailure);
            budgetLeft -= shrunk.shrinkEvaluations();
            String signature = steering.signature(shrunk.minimal(), shrunk.evidence());
            Counterexample<T, E> known = found.get(signature);
            if (known == null) {
                found.put(signature, new Counterexample<>(signature, evaluated, value, shrunk.minimal(),
                        shrunk.evidence(), shrunk.shrinkSteps(), shrunk.shrinkEvaluations(),
                        new java.util.ArrayList<>(java.util.List.of(evidence.get()))));
            } else {
                known.occurrences().add(evidence.get());
            }
        }
        return new Exploration<>(source.seed(), java.util.List.copyOf(found.values()), evaluated, covered, avoided,
                shrinkBudget - budgetLeft);
    }

    /** What {@link #explore} needs to know of the values: how to tell counterexamples apart, and what to skip. */
    public interface Steering<T, E> {
        /** The signature of a shrunk counterexample: equal signatures are the same deviation. */
        String signature(T minimal, E evidence);

        /**
         * Whether a shrink candidate fails the same way as the value being shrunk; only such candidates are
         * kept, so that shrinking one deviation never slips into another one the same value also shows.
         */
        default boolean sameFailure(E original, E candidate) {
            return original.equals(candidate);
        }

        /** Whether {@code candidate} would most likely fail as the known minimal counterexample did. */
        boolean covers(T knownMinimal, T candidate);

        /** Values not to evaluate at all, from knowledge gathered outside this property. */
        default boolean avoid(T candidate) {
            return false;
        }
    }

    /**
     * One distinct counterexample: its signature, the try that found it, the first failing value and the
     * minimal one, the minimal one's evidence and the evidence of every failing value filed under it.
     */
    public record Counterexample<T, E>(String signature, int foundAtTry, T original, T minimal, E evidence,
                                       int shrinkSteps, int shrinkEvaluations, java.util.List<E> occurrences) {
    }

    /**
     * What an exploration found: the distinct counterexamples in the order found, how many values were
     * evaluated, skipped as covered by a known counterexample or avoided, and what shrinking cost.
     */
    public record Exploration<T, E>(long seed, java.util.List<Counterexample<T, E>> counterexamples, int evaluated,
                                    int coveredSkipped, int avoidedSkipped, int shrinkEvaluations) {
        public boolean passed() {
            return counterexamples.isEmpty();
        }
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
