package dev.runsapi.conformance.oracle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Computes the answer of a query from a complete set of runs, by the contract's rules alone
 * (operation {@code listRuns} and the descriptions of its parameters). It shares no code with any
 * server: a checker that shares code with what it checks can share its bugs.
 */
public final class Oracle {

    /** {@code createdAt}, ties broken by {@code id} compared ordinally (UTF-16 code units). */
    public static final Comparator<Run> ASCENDING =
            Comparator.comparing(Run::createdAt).thenComparing(Run::id, String::compareTo);

    private Oracle() {
    }

    public static Expected answer(Collection<Run> runs, Query q) {
        List<Run> matching = new ArrayList<>();
        for (Run r : runs) {
            if (matches(r, q)) {
                matching.add(r);
            }
        }
        matching.sort(q.ascending() ? ASCENDING : ASCENDING.reversed());
        int limit = q.effectiveLimit();
        long from = (long) q.effectivePage() * limit;
        List<Run> page = from >= matching.size() ? List.of()
                : List.copyOf(matching.subList((int) from, (int) Math.min(matching.size(), from + limit)));
        return new Expected(List.copyOf(matching), page, q.effectivePage(), limit);
    }

    /** Window and every filter, combined with AND; values of one array filter combined with OR. */
    public static boolean matches(Run r, Query q) {
        return inWindow(r, q) && matchesSearch(r, q.search()) && matchesModels(r, q.models())
                && matchesTags(r, q.tags()) && matchesTypes(r, q.types())
                && matchesDuration(r, q.minDuration(), q.maxDuration());
    }

    /** Both ends inclusive, compared as instants. */
    static boolean inWindow(Run r, Query q) {
        return !r.createdAt().isBefore(q.start().instant()) && !r.createdAt().isAfter(q.end().instant());
    }

    /** Literal, case-insensitive by Locale.ROOT lower-casing; the empty term filters nothing. */
    public static boolean matchesSearch(Run r, String term) {
        if (term == null || term.isEmpty()) {
            return true;
        }
        String t = term.toLowerCase(Locale.ROOT);
        return contains(r.input(), t) || contains(r.output(), t) || contains(r.error(), t);
    }

    private static boolean contains(String field, String lowerTerm) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(lowerTerm);
    }

    /** Exact, case-sensitive equality of {@code name} with any value. */
    static boolean matchesModels(Run r, List<String> models) {
        return models.isEmpty() || models.contains(r.name());
    }

    /** ANY of the tags, exact. */
    static boolean matchesTags(Run r, List<String> tags) {
        return tags.isEmpty() || r.tags().stream().anyMatch(tags::contains);
    }

    static boolean matchesTypes(Run r, List<String> types) {
        return types.isEmpty() || types.contains(r.type());
    }

    /** Inclusive bounds; when either is given, unfinished runs never match ({@code 0} is a real bound). */
    static boolean matchesDuration(Run r, String min, String max) {
        if (min == null && max == null) {
            return true;
        }
        if (r.duration() == null) {
            return false;
        }
        return (min == null || r.duration().compareTo(new BigDecimal(min)) >= 0)
                && (max == null || r.duration().compareTo(new BigDecimal(max)) <= 0);
    }
}
