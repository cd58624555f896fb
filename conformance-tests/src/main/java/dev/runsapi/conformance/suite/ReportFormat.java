package dev.runsapi.conformance.suite;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run writes to its report directory. The human formats (console, summary.txt, Allure results,
 * JUnit XML) are always written; {@code json} adds report.json.
 */
public enum ReportFormat {
    /** Allure results, JUnit XML and summary.txt: always written, named so that a list may say so. */
    DEFAULT,
    /** report.json (schema: report.schema.json). */
    JSON;

    /** Formats from repeated or comma-separated names; an unknown name is a usage error naming the known ones. */
    public static Set<ReportFormat> parse(List<String> names) {
        Set<ReportFormat> out = EnumSet.of(DEFAULT);
        for (String n : names.stream().flatMap(x -> Arrays.stream(x.split(","))).map(String::trim)
                .filter(x -> !x.isEmpty()).toList()) {
            try {
                out.add(valueOf(n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown report format '" + n + "'; the formats are "
                        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
            }
        }
        return out;
    }
}
