package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The edge inputs the contract decides exactly (ADR 0003), each with its exact answer and its clause.
 * Only inputs whose answer follows from the contract alone belong here: every row holds on any
 * conformant server, whatever its data (the window and the filters make no row depend on what runs
 * exist). Rows are made from a valid request with one thing changed.
 */
public final class EdgeInputs {
    static final String NUMBERS = "Conventions, Numbers";
    static final String TIMESTAMPS = "Conventions, Timestamps; start_time: RFC 3339 details and leap seconds";
    static final String LEAP = "start_time: \"A leap second ... is valid on the days the IERS inserted one, and only"
            + " then\"; it \"orders after every instant of 23:59:59 and before the next midnight\"";
    static final String ENCODING = "Conventions, Encoding: invalid means \"a % not followed by two hex digits, or"
            + " decoded bytes that are not UTF-8\"";
    static final String FORM = "Conventions, Encoding (form decoding) and Empty values";
    static final String LENGTHS = "Conventions, Lengths: \"count Unicode code points\"";
    static final String REPEATED = "Conventions, Repeated values";
    static final String CREDENTIALS = "Errors, 2. 403: \"The same value sent more than once ... is one credential\";"
            + " api_key, X-API-Key";
    static final String ORDER_OF_ERRORS = "Errors, 3. 422: errors \"in the order the operation declares the"
            + " parameters\"; \"a reversed pair names both\"";
    static final String OUTSIDE = "Outside the operation";

    /** One unusual character written in four UTF-8 bytes (one code point, two UTF-16 units). */
    static final String EMOJI = "\uD83D\uDE00";

    private EdgeInputs() {
    }

    /**
     * The table. {@code valid} is a valid request over a window (our key in the {@code X-API-Key} header);
     * {@code apiKey} is that key.
     */
    public static List<EdgeInput> all(ApiRequest valid, String apiKey) {
        List<EdgeInput> t = new ArrayList<>();
        String start = InvalidCases.value(valid, "start_time");
        String end = InvalidCases.value(valid, "end_time");

        // Numbers: no minus sign at all, exact decimal values, any number of digits.
        t.add(bad("min_duration=-0 (no minus sign in the grammar)", valid.setParam("min_duration", "-0"), NUMBERS,
                "min_duration"));
        t.add(bad("max_duration=-0.0", valid.setParam("max_duration", "-0.0"), NUMBERS, "max_duration"));
        t.add(bad("limit=+1 (no sign)", valid.setParam("limit", "+1"), NUMBERS, "limit"));
        t.add(ok("limit with 40 leading zeros is 1", valid.setParam("limit", "0".repeat(40) + "1"), NUMBERS));
        t.add(bad("limit 1001 behind 40 leading zeros", valid.setParam("limit", "0".repeat(40) + "1001"), NUMBERS,
                "limit"));
        t.add(ok("page of 30 zeros", valid.setParam("page", "0".repeat(30)), NUMBERS));
        t.add(ok("min_duration=99999999999999999999 is valid", valid.setParam("min_duration", "99999999999999999999"),
                NUMBERS));
        t.add(bad("min_duration 1e-20 above max_duration=1 (exact decimals, not floats)",
                valid.setParam("min_duration", "1.00000000000000000001").setParam("max_duration", "1"), NUMBERS,
                "min_duration", "max_duration"));

        // Timestamps: exact fractions of any length, RFC 3339 and nothing else, leap seconds only where inserted.
        t.add(bad("start_time 1e-10 s after end_time (fractions are never rounded)",
                window(valid, "2024-05-01T00:00:00.0000000001Z", "2024-05-01T00:00:00Z"), TIMESTAMPS,
                "start_time", "end_time"));
        t.add(ok("start_time with 20 fraction digits",
                window(valid, "2000-01-01T00:00:00.00000000000000000001Z", "2000-01-01T00:00:01Z"), TIMESTAMPS));
        t.add(ok("offset -00:00 is UTC", window(valid, "2000-01-01T00:00:00-00:00", "2000-01-01T00:00:01Z"),
                TIMESTAMPS));
        t.add(ok("year 0000", window(valid, "0000-01-01T00:00:00Z", "2000-01-01T00:00:01Z"), TIMESTAMPS));
        t.add(ok("lower-case t and z", window(valid, "2000-01-01t00:00:00z", "2000-01-01T00:00:01Z"), TIMESTAMPS));
        for (String[] bad : new String[][] {
                {"a space instead of T", "2024-05-01 00:00:00Z"},
                {"a comma as the decimal sign", "2024-05-01T00:00:00,5Z"},
                {"an offset without colon", "2024-05-01T00:00:00+0200"},
                {"an offset of 24 hours", "2024-05-01T00:00:00+24:00"},
                {"hour 24", "2024-05-01T24:00:00Z"},
                {"a day that does not exist", "2023-02-29T00:00:00Z"},
                {"non-ASCII digits", "\uFF12\uFF10\uFF12\uFF14-05-01T00:00:00Z"},
                {"text after the offset", "2024-05-01T00:00:00Z UTC"}}) {
            t.add(bad("start_time with " + bad[0], valid.setParam("start_time", bad[1]), TIMESTAMPS, "start_time"));
        }
        t.add(bad("start_time with an unencoded + (a space once decoded)",
                valid.without("start_time").withRaw("start_time=2024-05-01T02:00:00+02:00"), TIMESTAMPS,
                "start_time"));
        t.add(bad("second 60 on a day without leap second",
                window(valid, "2024-04-10T23:59:60Z", "2024-04-11T00:00:00Z"), LEAP, "start_time"));
        t.add(bad("second 60 at 23:59:60 local time, not UTC",
                window(valid, "2016-12-31T00:00:00Z", "2016-12-31T23:59:60+01:00"), LEAP, "end_time"));
        t.add(ok("the leap second of 2016-12-31", window(valid, "2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"),
                LEAP));
        t.add(ok("the same leap second at offset +05:30", window(valid, "2017-01-01T05:29:60.5+05:30",
                "2017-01-01T00:00:00Z"), LEAP));
        t.add(ok("a leap second after 23:59:59.999", window(valid, "2016-12-31T23:59:59.999Z",
                "2016-12-31T23:59:60Z"), LEAP));
        t.add(bad("a leap second before 23:59:59.999 (reversed)",
                window(valid, "2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999Z"), LEAP, "start_time", "end_time"));
        t.add(bad("a leap second's fractions in order (reversed)",
                window(valid, "2016-12-31T23:59:60.7Z", "2016-12-31T23:59:60.2Z"), LEAP, "start_time", "end_time"));

        // Percent-encoding: bytes that are not UTF-8 are invalid, never U+FFFD.
        t.add(bad("search=%C3 (a percent-escape that is not UTF-8)", valid.withRaw("search=%C3"), ENCODING,
                "search"));
        t.add(bad("search=%FF", valid.withRaw("search=%FF"), ENCODING, "search"));
        t.add(bad("models=%ED%A0%80 (an encoded surrogate)", valid.withRaw("models=%ED%A0%80"), ENCODING, "models"));
        // (a % without two hex digits is decided too, but java.net.URI refuses to send it)
        t.add(ok("search=%C3%A9 (valid UTF-8)", valid.withRaw("search=%C3%A9"), ENCODING));
        t.add(ok("an unknown parameter badly encoded is ignored", valid.withRaw("unknown_x=%FF"), ENCODING));
        t.add(ok("a badly encoded name is ignored", valid.withRaw("%C3=1"), ENCODING));

        // Form decoding.
        t.add(bad("a bare limit (no =) is the empty value", valid.withRaw("limit"), FORM, "limit"));
        t.add(ok("a bare search is the empty term", valid.withRaw("search"), FORM));
        t.add(bad("a percent-encoded name (%6Cimit=0 is limit=0)", valid.withRaw("%6Cimit=0"), FORM, "limit"));
        t.add(ok("names are case-sensitive (Limit=0 is unknown)", valid.withRaw("Limit=0"), FORM));
        t.add(bad("; does not separate (limit=5;page=1 is one value)", valid.withRaw("limit=5;page=1"), FORM,
                "limit"));
        t.add(ok("empty segments are skipped", valid.withRaw("").withRaw("").withParam("limit", "5"), FORM));

        // Lengths in code points.
        t.add(ok("search of 1000 emoji (2000 UTF-16 units)", valid.setParam("search", EMOJI.repeat(1000)), LENGTHS));
        t.add(bad("search of 1001 emoji", valid.setParam("search", EMOJI.repeat(1001)), LENGTHS, "search"));
        t.add(ok("a models value of 200 emoji", valid.withParam("models", EMOJI.repeat(200)), LENGTHS));
        t.add(bad("app_id over 200 characters is a 422, not a 403", valid.setParam("app_id", "a".repeat(201)),
                "app_id: \"Missing, empty or longer than 200 characters: 422\"", "app_id"));

        // Repeated values.
        t.add(ok("type=llm twice", valid.withParam("type", "llm").withParam("type", "llm"), REPEATED));
        t.add(ok("100 type values", repeat(valid, "type", "llm", 100), REPEATED));
        t.add(bad("101 type values, each valid", repeat(valid, "type", "llm", 101),
                "type: \"More than 100 values (repeats count) is a 422\"", "type"));
        t.add(bad("limit twice with the same value", valid.withParam("limit", "5").withParam("limit", "5"), REPEATED,
                "limit"));

        // Credentials.
        ApiRequest noHeader = valid.withHeader(ApiRequest.KEY_HEADER, null);
        t.add(ok("api_key repeated with the same value", noHeader.withQueryKey(apiKey).withQueryKey(apiKey),
                CREDENTIALS));
        t.add(ok("api_key twice and X-API-Key, all equal", valid.withQueryKey(apiKey).withQueryKey(apiKey),
                CREDENTIALS));
        t.add(forbidden("api_key repeated with different values",
                noHeader.withQueryKey(apiKey).withQueryKey(apiKey + "-other"), CREDENTIALS));
        t.add(forbidden("an empty api_key alone", noHeader.withQueryKey(""), CREDENTIALS));
        t.add(forbidden("an empty api_key next to a valid X-API-Key", valid.withQueryKey(""), CREDENTIALS));
        t.add(forbidden("a badly encoded api_key is an unknown key, before any 422",
                noHeader.withRaw("api_key=%C3").setParam("limit", "0"), CREDENTIALS));

        // The order of errors and the pairs.
        t.add(bad("errors in declaration order", valid.setParam("order", "up").setParam("limit", "0")
                .without("end_time").setParam("search", "s".repeat(1001)), ORDER_OF_ERRORS,
                "end_time", "search", "limit", "order"));
        t.add(bad("a reversed duration pair names both", valid.setParam("min_duration", "2")
                .setParam("max_duration", "1"), ORDER_OF_ERRORS, "min_duration", "max_duration"));
        t.add(bad("a reversed window names both", window(valid, end, start), ORDER_OF_ERRORS, "start_time",
                "end_time"));
        t.add(bad("a pair with one invalid member names only that one", valid.setParam("min_duration", "5")
                .setParam("max_duration", "abc"), ORDER_OF_ERRORS, "max_duration"));

        // Outside the operation.
        t.add(ok("Accept: text/html is not negotiated", valid.withHeader("Accept", "text/html"), OUTSIDE));
        t.add(bad("Accept: text/html on an invalid request", valid.withHeader("Accept", "text/html")
                .setParam("limit", "0"), OUTSIDE, "limit"));
        ApiRequest big = valid.setParam("search", "s".repeat(1000));
        big = repeat(big, "models", "m".repeat(199) + "x", 100);
        big = repeat(big, "tags", "t".repeat(199) + "x", 100);
        t.add(ok("every parameter at its limits with ASCII values (about 42 KB) is read", big, OUTSIDE));
        return t;
    }

    private static EdgeInput ok(String description, ApiRequest r, String clause) {
        return new EdgeInput(description, r, 200, List.of(), clause);
    }

    private static EdgeInput forbidden(String description, ApiRequest r, String clause) {
        return new EdgeInput(description, r, 403, List.of(), clause);
    }

    private static EdgeInput bad(String description, ApiRequest r, String clause, String... named) {
        return new EdgeInput(description, r, 422, List.of(named), clause);
    }

    private static ApiRequest window(ApiRequest valid, String start, String end) {
        return valid.setParam("start_time", start).setParam("end_time", end);
    }

    private static ApiRequest repeat(ApiRequest r, String name, String value, int times) {
        for (int i = 0; i < times; i++) {
            r = r.withParam(name, value);
        }
        return r;
    }
}
