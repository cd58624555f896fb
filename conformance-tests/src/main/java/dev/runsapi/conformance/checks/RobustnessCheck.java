package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.engine.Gen.Weighted;
import dev.runsapi.conformance.engine.Property;
import dev.runsapi.conformance.engine.Shrinker;
import dev.runsapi.conformance.engine.Source;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.List;
import java.util.Optional;

/**
 * Junk never makes the server fail: random, very long, non-ASCII, control-character and repeated
 * values, bare names and unknown parameters are answered with a 2xx or 4xx, never a 5xx. And an unknown
 * parameter changes nothing.
 */
public final class RobustnessCheck implements Check {
    static final List<String> NAMES = List.of("app_id", "start_time", "end_time", "search", "models", "tags", "type",
            "min_duration", "max_duration", "limit", "page", "order", "api_key");

    @Override
    public String name() {
        return "robustness";
    }

    @Override
    public String clause() {
        return "\"A 500 or 503 may be answered at any point for a fault of the server; it never answers a request "
                + "for being invalid\"; Conventions: \"Unknown query parameters are ignored\"";
    }

    /** One change to a valid request. */
    record Mutation(Kind kind, String name, String value) {
        enum Kind { SET, ADD, BARE }

        ApiRequest apply(ApiRequest r) {
            return switch (kind) {
                case SET -> r.setParam(name, value);
                case ADD -> r.withParam(name, value);
                case BARE -> r.without(name).withParam(name, null);
            };
        }
    }

    @Override
    public void run(CheckContext ctx) {
        ApiRequest valid = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        Gen<Mutation> mutation = s -> {
            String name = s.chance(0.8) ? s.pick(NAMES) : junk().generate(s);
            Mutation.Kind k = s.chance(0.1) ? Mutation.Kind.BARE : s.chance(0.5) ? Mutation.Kind.SET : Mutation.Kind.ADD;
            return new Mutation(k, name, junk().generate(s));
        };
        Shrinker<Mutation> valueShrinker = m -> Shrinker.strings().candidates(m.value())
                .map(v -> new Mutation(m.kind(), m.name(), v));
        Property.Outcome<List<Mutation>, ApiResponse> out = Property.forAll(Gen.listOf(mutation, 1, 4))
                .shrinkWith(Shrinker.lists(valueShrinker))
                .tries(ctx.tries())
                .maxShrinkEvaluations(30)
                .check(ctx.source(), ms -> {
                    ApiResponse r = ctx.sendGenerated(apply(valid, ms));
                    return r.status() >= 500 ? Optional.of(r) : Optional.empty();
                });
        if (out.falsified()) {
            ApiRequest req = apply(valid, out.minimal());
            ctx.fail(ctx.finding("junk input is answered 2xx or 4xx, never 5xx", req, "a 2xx or 4xx",
                    out.evidence().summary()).withKind(out.evidence().status() + " where 2xx/4xx")
                    .withResponse(out.evidence().bodyExcerpt(300))
                    .withNote("shrunk in " + out.shrinkSteps() + " steps from " + out.original().size() + " changes"));
        }
        unknownIgnored(ctx);
    }

    private static ApiRequest apply(ApiRequest valid, List<Mutation> ms) {
        ApiRequest r = valid;
        for (Mutation m : ms) {
            r = m.apply(r);
        }
        return r;
    }

    /** Junk: a mix of non-ASCII, control characters, look-alikes of valid values, very long text. */
    static Gen<String> junk() {
        Gen<String> ascii = s -> randomString(s, 0x20, 0x7e, s.between(0, 20));
        Gen<String> unicode = Gen.elements("é", "İstanbul", "ß", "😀", "東京", "\u202e", "\u0000", "\t\n", "ﬀ",
                "%00", "%", "\\", "'\"<>", "null", "[]", "{}", "0x10", "1e999", "-0", " 1", "NaN");
        Gen<String> dates = Gen.elements("2024-02-30T00:00:00Z", "+10000-01-01T00:00:00Z", "2024-05-01T24:00:00Z",
                "2024-05-01T00:00:60Z", "0000-01-01T00:00:00Z", "2024-05-01T00:00:00.1234567890123Z",
                "2024-05-01T00:00:00+25:00", "2024-05-01t00:00:00z");
        Gen<String> longText = s -> randomString(s, 0x20, 0x7e, s.between(300, 1200));
        Gen<String> longUnicode = s -> randomString(s, 0xa0, 0x2fff, s.between(50, 300));
        return Gen.frequency(List.of(Weighted.of(3, ascii), Weighted.of(3, unicode), Weighted.of(2, dates),
                Weighted.of(1, longText), Weighted.of(1, longUnicode)));
    }

    private static String randomString(Source s, int lo, int hi, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(s.between(lo, hi));
        }
        return sb.toString();
    }

    /** The same query with and without an unknown parameter has the same answer: same total, same runs. */
    private void unknownIgnored(CheckContext ctx) {
        ApiRequest plain = ctx.validRequest(dev.runsapi.conformance.discovery.Discovery.WIDE_START, ctx.horizon())
                .setParam("limit", Integer.toString(ctx.limit(50)));
        ApiResponse reference = ctx.sendGenerated(plain);
        Comparisons.RunsPageOrMismatch ref = Comparisons.read(reference);
        if (ref.mismatch() != null) {
            ctx.fail(QueryProperty.finding(ctx, plain, ref.mismatch()));
            return;
        }
        for (String[] extra : List.of(new String[] {"unknown_param", "x"}, new String[] {"appId", "other"},
                new String[] {"limits", "1"})) {
            ApiRequest req = plain.withParam(extra[0], extra[1]);
            Comparisons.RunsPageOrMismatch got = Comparisons.read(ctx.sendGenerated(req));
            if (got.mismatch() != null) {
                ctx.fail(QueryProperty.finding(ctx, req, got.mismatch()));
            } else if (got.page().total() != ref.page().total() || !got.page().ids().equals(ref.page().ids())) {
                ctx.fail(ctx.finding("unknown query parameters are ignored", req,
                        "the answer without " + extra[0] + ": total " + ref.page().total() + ", "
                                + Comparisons.abbreviate(ref.page().ids()),
                        "total " + got.page().total() + ", " + Comparisons.abbreviate(got.page().ids())));
            }
        }
    }
}
