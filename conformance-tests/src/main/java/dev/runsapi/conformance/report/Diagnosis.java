package dev.runsapi.conformance.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The distinct deviations of a run, read from its results in catalog order: a finding whose cause (kind
 * and value classes) an earlier check already reported is attributed to that one ("same cause as
 * errors-validation #3") and not counted again. Every report (console, summary.txt, Allure, JUnit XML,
 * report.json) is made from this one reading, so that they list the same distinct findings.
 */
public final class Diagnosis {
    private final List<FindingRef> distinct = new ArrayList<>();
    private final Map<String, FindingRef> sameCauseAs = new HashMap<>();
    private final Map<String, List<FindingRef>> attributedTo = new LinkedHashMap<>();

    private Diagnosis() {
    }

    /** @param results in catalog order */
    public static Diagnosis of(List<CheckResult> results) {
        Diagnosis d = new Diagnosis();
        List<FindingRef> earlierChecks = new ArrayList<>();
        for (CheckResult r : results) {
            List<FindingRef> distinctHere = new ArrayList<>();
            for (FindingRef ref : r.refs()) {
                FindingRef earlier = earlierChecks.stream().filter(e -> ref.finding().sameCauseAs(e.finding()))
                        .findFirst().orElse(null);
                if (earlier != null) {
                    d.sameCauseAs.put(ref.label(), earlier);
                    d.attributedTo.computeIfAbsent(earlier.label(), k -> new ArrayList<>()).add(ref);
                } else {
                    d.distinct.add(ref);
                    distinctHere.add(ref);
                }
            }
            // Causes are shared across checks only: within one check, findings are already distinct.
            earlierChecks.addAll(distinctHere);
        }
        return d;
    }

    /** The distinct findings in catalog order. */
    public List<FindingRef> distinct() {
        return List.copyOf(distinct);
    }

    /** The distinct findings, most basic layer first (transport, status, schema, auth, semantics). */
    public List<FindingRef> byLayer() {
        return distinct.stream().sorted(Comparator.comparing(ref -> ref.finding().layer(ref.check()))).toList();
    }

    /** The earlier finding this one has the same cause as, if it is attributed. */
    public Optional<FindingRef> sameCauseAs(FindingRef ref) {
        return Optional.ofNullable(sameCauseAs.get(ref.label()));
    }

    /** The later findings attributed to this one. */
    public List<FindingRef> attributedTo(FindingRef ref) {
        return attributedTo.getOrDefault(ref.label(), List.of());
    }

    public int count() {
        return distinct.size();
    }

    /** One line: where, the layer, the rule with kind and cause, how often. */
    public static String line(FindingRef ref) {
        Finding f = ref.finding();
        return String.format(java.util.Locale.ROOT, "%-9s %s: %s%s", f.layer(ref.check()).label(), ref.label(),
                f.signature(), f.count() > 1 ? ", seen " + f.count() + " times" : "");
    }
}
