package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.Param;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The value classes of a request: what of it may cause a deviation, as {@code parameter=class} strings
 * (sorted), e.g. {@code window=single-instant}, {@code search=backslash}, {@code models=given}. Two
 * failures with the same kind and the same classes are taken for the same cause; a request whose classes
 * include all those of a known failure would most likely fail the same way (steering). Lists are one
 * class whatever their length, so that one broken filter is one cause, not one per list size.
 */
public final class Causes {
    private static final Set<String> IGNORED = Set.of("app_id");

    private Causes() {
    }

    /** Classes of a request; {@code runInstants} (may be empty) tells bounds that hit a run's createdAt. */
    public static List<String> of(ApiRequest r, Set<Instant> runInstants) {
        Map<String, String> classes = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Param p : r.params()) {
            if (!p.raw()) { // a raw segment (an edge input sent as written) has no value class
                counts.merge(p.name(), 1, Integer::sum);
            }
        }
        String start = first(r, "start_time");
        String end = first(r, "end_time");
        Instant s = instant(start);
        Instant e = instant(end);
        if (s != null && e != null && s.equals(e)) {
            classes.put("window", "single-instant");
            // A single instant at a run's createdAt is also a window whose bounds both hit one.
            bound(classes, "start_time", start, s, runInstants);
            bound(classes, "end_time", end, e, runInstants);
        } else if (s != null && e != null && s.isAfter(e)) {
            classes.put("window", "reversed");
        } else {
            bound(classes, "start_time", start, s, runInstants);
            bound(classes, "end_time", end, e, runInstants);
        }
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            String name = c.getKey();
            if (IGNORED.contains(name) || name.equals("start_time") || name.equals("end_time")) {
                continue;
            }
            String v = first(r, name);
            String cls = switch (name) {
                case "models", "tags", "type" -> "given";
                case "search" -> searchClass(v);
                case "min_duration", "max_duration" -> v != null && v.matches("0+(\\.0*)?") ? "0" : "given";
                case "page" -> "0".equals(v) ? "0" : "past 0";
                case "limit" -> "given";
                case "order" -> v;
                case "api_key" -> null;
                default -> "unknown parameter";
            };
            if (c.getValue() > 1 && !List.of("models", "tags", "type").contains(name)) {
                cls = "repeated";
            }
            if (cls != null) {
                classes.put(name, cls);
            }
        }
        boolean header = r.headers().containsKey(ApiRequest.KEY_HEADER);
        boolean query = counts.containsKey("api_key");
        classes.put("key", header && query ? "header and query" : header ? "header" : query ? "query" : "none");
        List<String> out = new ArrayList<>();
        classes.forEach((k, v) -> out.add(k + "=" + v));
        // Where the key goes is a class of its own only when it is not the usual header.
        out.remove("key=header");
        return out;
    }

    /** Whether one list of classes holds the other (either way). */
    public static boolean nested(List<String> a, List<String> b) {
        return covers(a, b) || covers(b, a);
    }

    /** Parameters whose classes say how a query is paged or sent, not which runs it selects. */
    private static final Set<String> NOT_SELECTING = Set.of("limit", "page", "order", "key");

    /**
     * Whether a property may skip {@code candidate} because a known counterexample with the classes
     * {@code known} covers it: it holds all of them ({@link #covers}) and adds no class of a parameter that
     * selects runs. A candidate that also filters by something the known failure did not would fail alike
     * on the known deviation, but could hide a second one behind it: a server whose {@code total} is wrong
     * for every query (the minimal request: {@code limit=given}) must not keep a filter check from trying its
     * filter at all.
     */
    public static boolean steersAway(List<String> known, List<String> candidate) {
        if (!covers(known, candidate)) {
            return false;
        }
        for (String c : candidate) {
            if (!known.contains(c) && !NOT_SELECTING.contains(c.substring(0, c.indexOf('=')))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the classes of a candidate include all of a known cause (it would most likely fail alike). */
    public static boolean covers(List<String> known, List<String> candidate) {
        return new TreeSet<>(candidate).containsAll(known);
    }

    private static void bound(Map<String, String> classes, String name, String wire, Instant t, Set<Instant> runs) {
        if (wire == null || t == null) {
            return;
        }
        List<String> c = new ArrayList<>();
        if (runs.contains(t)) {
            c.add("at a createdAt");
        }
        if (!wire.endsWith("Z")) {
            c.add("offset");
        }
        if (t.getNano() % 1_000_000 != 0) {
            c.add("sub-millisecond");
        }
        if (!c.isEmpty()) {
            classes.put(name, String.join(" ", c));
        }
    }

    static String searchClass(String v) {
        if (v == null || v.isEmpty()) {
            return "empty";
        }
        if (v.contains("\\")) {
            return "backslash";
        }
        if (v.contains("%") || v.contains("_")) {
            return "like wildcards";
        }
        if (v.chars().anyMatch(ch -> "*.?+[](){}^$|".indexOf(ch) >= 0)) {
            return "regex characters";
        }
        if (v.chars().anyMatch(Character::isLetter)) {
            return "letters";
        }
        return "other";
    }

    private static String first(ApiRequest r, String name) {
        return r.params().stream().filter(p -> !p.raw() && p.name().equals(name)).map(Param::value).findFirst()
                .orElse(null);
    }

    private static Instant instant(String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(wire).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
