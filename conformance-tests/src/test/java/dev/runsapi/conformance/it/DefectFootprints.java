package dev.runsapi.conformance.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each deliberate defect of the mock may make the suite report: the distinct finding that shows it
 * (check and kind of deviation), and, more loosely, every check it may cause a finding in. A run against
 * a mock with several defects must show each defect as a finding of its own, and nothing that none of
 * them explains.
 */
final class DefectFootprints {
    /** shows: check and kind of the finding that proves the defect; explains: checks it may reach. */
    record Footprint(Pattern showsCheck, Pattern showsKind, Pattern explains) {
        boolean shows(RunReports.Found f) {
            return showsCheck.matcher(f.check()).matches() && showsKind.matcher(f.kind()).matches();
        }

        boolean explains(RunReports.Found f) {
            return explains.matcher(f.check()).matches();
        }
    }

    private static final String SETS = "runs (missing|unexpected|missing and unexpected)|duplicates";
    private static final String DATA = "filter-.*|pagination.*|ordering|robustness";
    static final Map<String, Footprint> ALL = new LinkedHashMap<>();
    /** The misreadings ADR 0003 decided against, which only errors-edge-inputs sees. */
    static final List<String> EDGE_INPUT_DEFECTS = List.of("leap-second-next-minute", "percent-utf8-replaced",
            "minus-zero-accepted");

    static {
        // a filter that drops or adds runs shows, on a page too small for the whole result, as a wrong total
        put("type-filter-ignored", "filter-type|filter-combined", "runs unexpected|runs missing and unexpected|total", DATA);
        put("models-prefix-match", "filter-models|filter-combined", "runs unexpected|runs missing and unexpected|total", DATA);
        put("tags-match-all", "filter-tags|filter-combined", "runs missing|runs missing and unexpected|total", DATA);
        put("search-case-sensitive", "filter-search|filter-combined", "runs missing|runs missing and unexpected|total", DATA);
        put("search-like-wildcards", "filter-search|filter-combined", "runs unexpected|runs missing and unexpected|total",
                DATA);
        put("search-backslash-escape", "filter-search|filter-combined", SETS + "|total", DATA);
        put("duration-bounds-exclusive", "filter-duration|filter-combined", "runs missing|runs missing and unexpected|total",
                DATA);
        put("duration-zero-ignored", "filter-duration|filter-combined", "runs unexpected|runs missing and unexpected|total",
                DATA);
        put("window-end-exclusive", "filter-.*|pagination|ordering", SETS + "|page size|page slice|total", DATA);
        put("bounds-cut-to-second", "filter-.*|pagination|ordering", SETS + "|page size|page slice|total",
                DATA + "|errors-edge-inputs");
        put("page-off-by-one", "pagination.*", ".*", "pagination.*");
        put("total-is-page-count", "pagination.*|filter-.*", ".*", DATA);
        put("default-limit-10", "pagination-defaults", ".*", "pagination-defaults");
        put("no-tie-break", "ordering|pagination.*", "order of ties|page slice|" + SETS, "ordering|pagination.*");
        put("order-ignored", "ordering|pagination.*", "order|page slice|" + SETS, "ordering|pagination.*");
        put("duration-as-string", "response-schema|run-fields", ".*duration.*",
                "response-schema|run-fields|filter-duration");
        put("user-of-nulls", "response-schema", ".*/user.*", "response-schema");
        put("missing-key-500", "errors-auth", "500 where 403", "errors-.*|response-schema");
        put("validation-400", "errors-validation", "400 where 422", "errors-.*|response-schema|robustness");
        put("error-body-unnamed", "errors-body", ".*", "errors-body|errors-edge-inputs|response-schema");
        put("reversed-window-accepted", "errors-validation", "200 where 422", "errors-.*");
        put("validation-before-auth", "errors-precedence", ".*", "errors-precedence|errors-edge-inputs");
        put("tenant-leak", "tenant-isolation", "200 where 403", "tenant-isolation");
        put("single-instant-refused", "errors-validation", "4\\d\\d where 200", "errors-.*|" + DATA);
        put("query-key-wins", "errors-auth", "200 where 403", "errors-auth|errors-precedence|errors-edge-inputs");
        // the misreadings ADR 0003 decided against: only the edge inputs' table sees them
        put("leap-second-next-minute", "errors-edge-inputs", "200 where 422", "errors-edge-inputs");
        put("percent-utf8-replaced", "errors-edge-inputs", "200 where 422", "errors-edge-inputs");
        put("minus-zero-accepted", "errors-edge-inputs", "200 where 422", "errors-edge-inputs");
    }

    private DefectFootprints() {
    }

    private static void put(String defect, String showsCheck, String showsKind, String explains) {
        ALL.put(defect, new Footprint(Pattern.compile(showsCheck), Pattern.compile(showsKind),
                Pattern.compile(explains)));
    }

    /**
     * Each defect matched to a finding of its own (a bipartite matching, so that one finding never counts
     * for two defects); the defects left without one are answered.
     */
    static List<String> unmatched(List<String> defects, List<RunReports.Found> findings) {
        Map<String, RunReports.Found> m = matching(defects, findings);
        return defects.stream().filter(d -> !m.containsKey(d)).toList();
    }

    /** Each defect that has a finding of its own, with that finding. */
    static Map<String, RunReports.Found> matching(List<String> defects, List<RunReports.Found> findings) {
        Map<Integer, String> owner = new LinkedHashMap<>();
        for (String d : defects) {
            assign(d, defects, findings, owner, new boolean[findings.size()]);
        }
        Map<String, RunReports.Found> out = new LinkedHashMap<>();
        owner.forEach((i, d) -> out.put(d, findings.get(i)));
        return out;
    }

    private static boolean assign(String d, List<String> defects, List<RunReports.Found> findings,
                                  Map<Integer, String> owner, boolean[] seen) {
        for (int i = 0; i < findings.size(); i++) {
            if (!seen[i] && ALL.get(d).shows(findings.get(i))) {
                seen[i] = true;
                if (!owner.containsKey(i) || assign(owner.get(i), defects, findings, owner, seen)) {
                    owner.put(i, d);
                    return true;
                }
            }
        }
        return false;
    }

    /** The findings none of the defects explains. */
    static List<RunReports.Found> unexplained(List<String> defects, List<RunReports.Found> findings) {
        return findings.stream().filter(f -> defects.stream().noneMatch(d -> ALL.get(d).explains(f))).toList();
    }
}
