package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.engine.Gen;
import dev.runsapi.conformance.oracle.Query;

import java.util.ArrayList;
import java.util.List;

/** {@code search}: literal, case-insensitive substring of input, output or error. */
public final class FilterSearchCheck implements Check {

    @Override
    public String name() {
        return "filter-search";
    }

    @Override
    public String clause() {
        return "parameter search: \"contains the term as a substring, case-insensitively. The term is literal: "
                + "%, _, *, \\ and regular-expression characters match themselves\"; Conventions: Matching text";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected runs of a search");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        List<Query> examples = new ArrayList<>();
        for (String t : b.texts().stream().limit(4).toList()) {
            String sub = t.length() > 6 ? QueryGen.safeSubstring(t, 1, Math.min(t.length(), 9)) : t;
            examples.add(g.whole().withSearch(QueryGen.flipCase(sub)));
        }
        for (String t : b.texts()) {
            String w = likeProbe(t);
            if (w != null && examples.size() < 10) {
                examples.add(g.whole().withSearch(w));
            }
        }
        for (String edge : List.of("%", "_", "\\", "*", "")) {
            examples.add(g.whole().withSearch(edge));
        }
        Gen<Query> gen = s -> g.window().generate(s).withSearch(g.search().generate(s));
        QueryProperty.checkSets(ctx, "search keeps exactly the runs whose input, output or error contains the "
                + "term, literally and case-insensitively", examples, gen, ctx.tries() * 3 / 2);
    }

    /** Three letters of a text with the middle one replaced by '_' : a LIKE wildcard would match it. */
    static String likeProbe(String text) {
        for (int i = 1; i + 1 < text.length(); i++) {
            char a = text.charAt(i - 1);
            char m = text.charAt(i);
            char c = text.charAt(i + 1);
            if (Character.isLetter(a) && Character.isLetter(m) && Character.isLetter(c)) {
                return "" + a + (i % 2 == 0 ? '_' : '%') + c;
            }
        }
        return null;
    }
}
