package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The classes of invalid input the contract names, for every parameter: missing (required ones),
 * empty, malformed, out of range, inconsistent, unknown enum values, repeated single-valued parameters.
 * Each is made from a valid request with one thing spoiled, so that only that thing can be at fault.
 */
public final class InvalidCases {
    static final List<String> SINGLE_VALUED = List.of("app_id", "start_time", "end_time", "search", "min_duration",
            "max_duration", "limit", "page", "order");

    private InvalidCases() {
    }

    public static List<InvalidCase> all(ApiRequest valid) {
        List<InvalidCase> c = new ArrayList<>();
        for (String p : List.of("app_id", "start_time", "end_time")) {
            c.add(InvalidCase.of(p + " missing", valid.without(p), p));
        }
        for (String p : List.of("app_id", "start_time", "end_time", "models", "tags", "type", "min_duration",
                "max_duration", "limit", "page", "order")) {
            c.add(InvalidCase.of(p + " empty", valid.setParam(p, ""), p));
        }
        for (String bad : List.of("2024-05-01", "2024-05-01T00:00:00", "2024-13-01T00:00:00Z", "yesterday",
                "1714521600", "2024-05-01 00:00:00Z")) {
            c.add(InvalidCase.of("start_time " + bad, valid.setParam("start_time", bad), "start_time"));
        }
        c.add(InvalidCase.of("end_time malformed", valid.setParam("end_time", "2024-05-32T00:00:00Z"), "end_time"));
        for (String bad : List.of("0", "1001", "-1", "2.5", "abc", "1e2")) {
            c.add(InvalidCase.of("limit " + bad, valid.setParam("limit", bad), "limit"));
        }
        for (String bad : List.of("-1", "1.5", "abc", "1000001")) {
            c.add(InvalidCase.of("page " + bad, valid.setParam("page", bad), "page"));
        }
        for (String bad : List.of("ASC", "Desc", "ascending", "random")) {
            c.add(InvalidCase.of("order " + bad, valid.setParam("order", bad), "order"));
        }
        for (String bad : List.of("LLM", "model", "llm,tool")) {
            c.add(InvalidCase.of("type " + bad, valid.withParam("type", bad), "type"));
        }
        c.add(InvalidCase.of("type with one bad value among good ones",
                valid.withParam("type", "llm").withParam("type", "bogus"), "type"));
        for (String d : List.of("min_duration", "max_duration")) {
            for (String bad : List.of("-1", "1e3", "NaN", "inf", "abc")) {
                c.add(InvalidCase.of(d + " " + bad, valid.setParam(d, bad), d));
            }
        }
        c.add(new InvalidCase("min_duration above max_duration",
                valid.setParam("min_duration", "2").setParam("max_duration", "1"), Set.of(),
                Set.of("min_duration", "max_duration")));
        c.add(new InvalidCase("start_time after end_time", reversed(valid), Set.of(), Set.of("start_time", "end_time")));
        c.add(InvalidCase.of("search longer than 1000 characters", valid.setParam("search", "a".repeat(1001)), "search"));
        c.add(InvalidCase.of("models value over 200 characters", valid.withParam("models", "m".repeat(201)), "models"));
        c.add(InvalidCase.of("tags value over 200 characters", valid.withParam("tags", "t".repeat(201)), "tags"));
        ApiRequest many = valid;
        for (int i = 0; i < 101; i++) {
            many = many.withParam("tags", "t" + i);
        }
        c.add(InvalidCase.of("more than 100 tags", many, "tags"));
        c.add(InvalidCase.of("app_id over 200 characters", valid.setParam("app_id", "a".repeat(201)), "app_id"));
        for (String p : SINGLE_VALUED) {
            c.add(InvalidCase.of(p + " repeated", repeated(valid, p), p));
        }
        return c;
    }

    /** Several parameters spoiled at once: the one 422 must name each of them, once. */
    public static List<InvalidCase> multiple(ApiRequest valid) {
        return List.of(
                InvalidCase.of("limit, page and order invalid together",
                        valid.setParam("limit", "0").setParam("page", "-1").setParam("order", "up"),
                        "limit", "page", "order"),
                InvalidCase.of("end_time missing and limit invalid", valid.without("end_time").setParam("limit", "x"),
                        "end_time", "limit"),
                InvalidCase.of("limit repeated and type unknown",
                        valid.setParam("limit", "10").withParam("limit", "20").withParam("type", "robot"),
                        "limit", "type"),
                InvalidCase.of("two bad type values", valid.withParam("type", "a").withParam("type", "b"), "type"));
    }

    /** The valid request's window with its bounds swapped. */
    static ApiRequest reversed(ApiRequest valid) {
        String start = value(valid, "start_time");
        String end = value(valid, "end_time");
        return valid.setParam("start_time", end).setParam("end_time", start);
    }

    static ApiRequest repeated(ApiRequest valid, String p) {
        String v = value(valid, p);
        String value = switch (p) {
            case "search" -> "a";
            case "min_duration" -> "0";
            case "max_duration" -> "100";
            case "limit" -> "10";
            case "page" -> "0";
            case "order" -> "asc";
            default -> v;
        };
        return valid.setParam(p, value).withParam(p, value);
    }

    static String value(ApiRequest r, String name) {
        return r.params().stream().filter(p -> p.name().equals(name)).map(dev.runsapi.conformance.wire.Param::value)
                .findFirst().orElse(null);
    }
}
