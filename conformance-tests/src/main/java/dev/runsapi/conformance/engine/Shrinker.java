package dev.runsapi.conformance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Proposes simpler candidates of a value, simplest first. The {@link Property} runner keeps the first
 * candidate that still fails and asks again, so a shrinker only has to make progress, never to be clever.
 * A candidate must be strictly simpler than its value, else shrinking could loop.
 */
@FunctionalInterface
public interface Shrinker<T> {

    Stream<T> candidates(T value);

    static <T> Shrinker<T> none() {
        return v -> Stream.empty();
    }

    /** Towards target: the target itself, then halfway, a quarter of the way, ..., one step. */
    static Shrinker<Integer> intsTowards(int target) {
        return v -> {
            List<Integer> out = new ArrayList<>();
            long distance = (long) v - target;
            if (distance == 0) {
                return Stream.empty();
            }
            out.add(target);
            for (long d = distance / 2; d != 0; d /= 2) {
                out.add((int) (v - d));
            }
            if (!out.contains(v - Long.signum(distance))) {
                out.add((int) (v - Long.signum(distance)));
            }
            return out.stream().distinct().filter(c -> c != v.intValue());
        };
    }

    /**
     * Lists: the empty list, then with halves removed, then with one element removed, then with one
     * element shrunk in place.
     */
    static <E> Shrinker<List<E>> lists(Shrinker<E> element) {
        return list -> {
            int n = list.size();
            if (n == 0) {
                return Stream.empty();
            }
            Stream<List<E>> empty = Stream.of(List.of());
            Stream<List<E>> chunks = Stream.iterate(n / 2, size -> size >= 2, size -> size / 2)
                    .flatMap(size -> Stream.iterate(0, from -> from + size <= n, from -> from + size)
                            .map(from -> without(list, from, from + size)));
            Stream<List<E>> singles = n == 1 ? Stream.empty()
                    : Stream.iterate(0, i -> i < n, i -> i + 1).map(i -> without(list, i, i + 1));
            Stream<List<E>> inPlace = Stream.iterate(0, i -> i < n, i -> i + 1)
                    .flatMap(i -> element.candidates(list.get(i)).map(e -> replaced(list, i, e)));
            return Stream.of(empty, chunks, singles, inPlace).flatMap(Function.identity());
        };
    }

    /** Strings: shorter prefixes, suffixes and one character removed. Never the empty string. */
    static Shrinker<String> strings() {
        return s -> {
            int n = s.length();
            if (n <= 1) {
                return Stream.empty();
            }
            Stream<String> halves = Stream.of(s.substring(0, n / 2), s.substring(n / 2));
            Stream<String> drops = Stream.iterate(0, i -> i < n, i -> i + 1)
                    .map(i -> s.substring(0, i) + s.substring(i + 1));
            return Stream.concat(halves, drops).filter(c -> !c.isEmpty()).distinct();
        };
    }

    /** Shrinks a value through another representation, e.g. a record through one of its fields. */
    default <R> Shrinker<R> convert(Function<R, T> from, java.util.function.BiFunction<R, T, R> to) {
        return r -> candidates(from.apply(r)).map(t -> to.apply(r, t));
    }

    /** All candidates of this shrinker, then all of the other. */
    default Shrinker<T> orElse(Shrinker<T> other) {
        return v -> Stream.concat(candidates(v), other.candidates(v));
    }

    private static <E> List<E> without(List<E> list, int from, int to) {
        List<E> out = new ArrayList<>(list.subList(0, from));
        out.addAll(list.subList(to, list.size()));
        return out;
    }

    private static <E> List<E> replaced(List<E> list, int index, E value) {
        List<E> out = new ArrayList<>(list);
        out.set(index, value);
        return out;
    }
}
