package dev.runsapi.conformance.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type T from a {@link Source}. Generators are pure functions of the source,
 * which is what makes a run reproducible for a seed.
 */
@FunctionalInterface
public interface Gen<T> {

    T generate(Source source);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return s -> f.apply(generate(s));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        return s -> f.apply(generate(s)).generate(s);
    }

    /** Keeps values that satisfy the predicate; gives up after 100 rejections in a row. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return s -> {
            for (int i = 0; i < 100; i++) {
                T value = generate(s);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 100 values in a row");
        };
    }

    /** Empty with probability 1 - p. */
    default Gen<Optional<T>> optional(double p) {
        return s -> s.chance(p) ? Optional.of(generate(s)) : Optional.empty();
    }

    static <T> Gen<T> constant(T value) {
        return s -> value;
    }

    /** Integers in [lo, hi], one time in four one of the bounds, since bounds are where servers break. */
    static Gen<Integer> ints(int lo, int hi) {
        return s -> s.chance(0.25) ? (s.chance(0.5) ? lo : hi) : s.between(lo, hi);
    }

    static <T> Gen<T> elements(List<T> values) {
        List<T> copy = List.copyOf(values);
        return s -> s.pick(copy);
    }

    @SafeVarargs
    static <T> Gen<T> elements(T... values) {
        return elements(Arrays.asList(values));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> list = List.of(gens);
        return s -> s.pick(list).generate(s);
    }

    /** Picks a generator with probability proportional to its weight. */
    static <T> Gen<T> frequency(List<Weighted<T>> choices) {
        int sum = choices.stream().mapToInt(Weighted::weight).sum();
        return s -> {
            int r = s.between(1, sum);
            for (Weighted<T> c : choices) {
                r -= c.weight();
                if (r <= 0) {
                    return c.gen().generate(s);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    static <T> Gen<List<T>> listOf(Gen<T> element, int minSize, int maxSize) {
        return s -> {
            int n = s.between(minSize, maxSize);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element.generate(s));
            }
            return out;
        };
    }

    /** Distinct elements, at most maxSize (fewer when the element generator repeats itself). */
    static <T> Gen<List<T>> distinctListOf(Gen<T> element, int minSize, int maxSize) {
        return s -> {
            int n = s.between(minSize, maxSize);
            LinkedHashSet<T> out = new LinkedHashSet<>();
            for (int i = 0; i < n * 4 && out.size() < n; i++) {
                out.add(element.generate(s));
            }
            return new ArrayList<>(out);
        };
    }

    static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return s -> f.apply(a.generate(s), b.generate(s));
    }

    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive");
            }
        }

        public static <T> Weighted<T> of(int weight, Gen<? extends T> gen) {
            return new Weighted<>(weight, gen);
        }
    }
}
