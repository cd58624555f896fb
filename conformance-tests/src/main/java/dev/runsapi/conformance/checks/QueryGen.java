package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.engine.Gen.Weighted;
import dev.runsapi.conformance.engine.Source;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.TimeBound;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generators of well-formed queries inside the baseline window, biased towards what the target holds
 * (its names, tags, texts, exact instants and durations) and towards boundaries.
 */
public final class QueryGen {
    public static final List<String> TYPES = List.of("llm", "tool", "chain", "agent");
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.UTC, ZoneOffset.UTC,
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8), ZoneOffset.ofHours(14), ZoneOffset.ofHours(-12));

    private final Baseline b;
    private final String appId;
    private final List<Instant> instants;

    public QueryGen(Baseline baseline, String appId) {
        this.b = baseline;
        this.appId = appId;
        this.instants = baseline.instants();
    }

    /** The whole baseline window, no filter, all of it on one page when it fits. */
    public Query whole() {
        return Query.window(appId, b.start(), b.end());
    }

    /** A window inside the baseline: often between exact createdAt values, in varied offsets. */
    public Gen<Query> window() {
        if (instants.isEmpty()) {
            return Gen.constant(whole());
        }
        Gen<Query> wholeWindow = s -> whole();
        Gen<Query> between = s -> {
            int i = s.between(0, instants.size() - 1);
            int j = s.between(i, Math.min(instants.size() - 1, i + s.pick(List.of(3, 30, 300, instants.size()))));
            return Query.window(appId, bound(s, instants.get(i)), bound(s, instants.get(j)));
        };
        Gen<Query> single = s -> {
            Instant t = s.pick(instants);
            return Query.window(appId, bound(s, t), bound(s, t));
        };
        Gen<Query> nudged = s -> {
            int i = s.between(0, instants.size() - 1);
            int j = s.between(i, instants.size() - 1);
            long d1 = s.pick(List.of(1L, 1_000_000L));
            long d2 = s.pick(List.of(1L, 1_000_000L));
            Instant start = instants.get(i).plusNanos(s.chance(0.5) ? d1 : 0);
            Instant end = instants.get(j).minusNanos(s.chance(0.5) ? d2 : 0);
            if (end.isBefore(start)) {
                end = start;
            }
            return Query.window(appId, bound(s, start), bound(s, end));
        };
        Gen<Query> halfOpen = s -> s.chance(0.5)
                ? Query.window(appId, b.start(), bound(s, s.pick(instants)))
                : Query.window(appId, bound(s, s.pick(instants)), b.end());
        return Gen.frequency(List.of(Weighted.of(2, wholeWindow), Weighted.of(4, between), Weighted.of(1, single),
                Weighted.of(2, nudged), Weighted.of(2, halfOpen)));
    }

    /** The instant written in a random offset; mostly UTC. */
    static TimeBound bound(Source s, Instant t) {
        return TimeBound.at(t, s.pick(OFFSETS));
    }

    public Gen<List<String>> types() {
        return Gen.distinctListOf(Gen.elements(TYPES), 1, 3);
    }

    /** Names held by the target, their strict prefixes, case-flipped names, a name nobody holds. */
    public Gen<List<String>> models() {
        return Gen.distinctListOf(nearValues(b.names()), 1, 3);
    }

    public Gen<List<String>> tags() {
        return Gen.distinctListOf(nearValues(b.tags()), 1, 3);
    }

    private Gen<String> nearValues(List<String> values) {
        if (values.isEmpty()) {
            return Gen.constant("no-such-value");
        }
        Gen<String> exact = Gen.elements(values);
        Gen<String> prefix = exact.map(v -> v.length() > 1 ? v.substring(0, v.length() - 1) : v + "x");
        Gen<String> flipped = exact.map(QueryGen::flipCase);
        Gen<String> absent = s -> "zz-absent-" + s.between(0, 999);
        return Gen.frequency(List.of(Weighted.of(6, exact), Weighted.of(2, prefix), Weighted.of(1, flipped),
                Weighted.of(1, absent)));
    }

    /**
     * Search terms: substrings of real texts with their case flipped, terms around the characters that
     * LIKE, glob or regex engines treat specially, and wildcard look-alikes ({@code %}, {@code _} put where
     * a letter was) that match literally nowhere or somewhere else.
     */
    public Gen<String> search() {
        List<String> texts = b.texts();
        if (texts.isEmpty()) {
            return Gen.elements("", "%", "_", "zz absent");
        }
        Gen<String> substring = s -> {
            String t = s.pick(texts);
            int from = s.between(0, t.length() - 1);
            int len = s.between(1, Math.min(14, t.length() - from));
            String sub = safeSubstring(t, from, from + len);
            return s.chance(0.6) ? flipCase(sub) : sub;
        };
        Gen<String> special = s -> {
            List<String> withSpecial = texts.stream().filter(t -> t.chars().anyMatch(c -> "%_*\\^$()+.[]?".indexOf(c) >= 0))
                    .toList();
            if (withSpecial.isEmpty()) {
                return s.pick(List.of("%", "_", "*", "\\", ".*"));
            }
            String t = s.pick(withSpecial);
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < t.length(); i++) {
                if ("%_*\\^$()+.[]?".indexOf(t.charAt(i)) >= 0) {
                    at.add(i);
                }
            }
            int i = s.pick(at);
            int from = Math.max(0, i - s.between(0, 3));
            int to = Math.min(t.length(), i + 1 + s.between(0, 3));
            return safeSubstring(t, from, to);
        };
        Gen<String> wildcard = s -> {
            String t = s.pick(texts);
            if (t.length() < 3) {
                return "%";
            }
            int from = s.between(0, t.length() - 3);
            int len = s.between(3, Math.min(8, t.length() - from));
            StringBuilder sub = new StringBuilder(safeSubstring(t, from, from + len));
            int k = s.between(1, Math.max(1, sub.length() - 2));
            if (Character.isSurrogate(sub.charAt(k))) {
                return "%";
            }
            sub.setCharAt(k, s.chance(0.5) ? '%' : '_');
            return sub.toString();
        };
        Gen<String> edge = Gen.elements("", " ", "%", "_", "*", "\\", "%%", "zz absent term");
        return Gen.frequency(List.of(Weighted.of(6, substring), Weighted.of(3, special), Weighted.of(3, wildcard),
                Weighted.of(1, edge)));
    }

    /**
     * Duration bounds: exact durations of runs (which must match, both bounds being inclusive), a
     * millisecond either side, 0, in varied decimal spellings; min and max in order. Index 0 is
     * min_duration, 1 max_duration; either may be null, not both.
     */
    public Gen<String[]> durations() {
        List<BigDecimal> ds = b.durations();
        Gen<BigDecimal> value = ds.isEmpty() ? Gen.elements(BigDecimal.ZERO, BigDecimal.ONE) : Gen.frequency(List.of(
                Weighted.of(6, Gen.elements(ds)),
                Weighted.of(2, Gen.elements(ds).map(d -> d.add(new BigDecimal("0.001")))),
                Weighted.of(2, Gen.elements(ds).map(d -> d.subtract(new BigDecimal("0.001")).max(BigDecimal.ZERO))),
                Weighted.of(1, Gen.constant(BigDecimal.ZERO))));
        return s -> {
            BigDecimal x = value.generate(s);
            BigDecimal y = value.generate(s);
            BigDecimal lo = x.min(y);
            BigDecimal hi = x.max(y);
            int shape = s.between(0, 3);
            return switch (shape) {
                case 0 -> new String[] {spell(s, lo), null};
                case 1 -> new String[] {null, spell(s, hi)};
                case 2 -> new String[] {spell(s, x), spell(s, x)};
                default -> new String[] {spell(s, lo), spell(s, hi)};
            };
        };
    }

    /** A decimal in one of its spellings: shortest, with trailing zeros, or as written by the server. */
    static String spell(Source s, BigDecimal d) {
        return switch (s.between(0, 2)) {
            case 0 -> d.stripTrailingZeros().toPlainString();
            case 1 -> d.setScale(Math.max(3, d.scale()) + 1).toPlainString();
            default -> d.toPlainString();
        };
    }

    public static String flipCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isUpperCase(cp)) {
                sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            } else if (Character.isLowerCase(cp)) {
                sb.append(new String(Character.toChars(cp)).toUpperCase(Locale.ROOT));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** A substring that does not split a surrogate pair. */
    static String safeSubstring(String t, int from, int to) {
        if (from > 0 && Character.isLowSurrogate(t.charAt(from))) {
            from--;
        }
        if (to < t.length() && to > 0 && Character.isHighSurrogate(t.charAt(to - 1))) {
            to++;
        }
        return t.substring(from, to);
    }
}
