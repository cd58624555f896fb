package dev.runsapi.conformance.report;

import java.util.List;
import java.util.Locale;

/** The plain-text report: a failed check's evidence, the table of verdicts, the closing line. */
public final class TextReport {
    private static final int MAX_IDS = 20;

    private TextReport() {
    }

    public static String failure(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("FAILED ").append(r.check()).append('\n');
        sb.append("  contract: ").append(r.clause()).append('\n');
        sb.append("  seed: ").append(r.seed()).append(" (replay with --seed ").append(r.seed()).append(")\n");
        int i = 1;
        for (Finding f : r.findings()) {
            sb.append("  [").append(i++).append("] ").append(f.rule()).append('\n');
            if (f.curl() != null) {
                sb.append("      request:  ").append(f.curl()).append('\n');
            }
            sb.append("      expected: ").append(f.expected()).append('\n');
            sb.append("      got:      ").append(f.got()).append('\n');
            if (!f.missingIds().isEmpty()) {
                sb.append("      missing runs (").append(f.missingIds().size()).append("): ")
                        .append(ids(f.missingIds())).append('\n');
            }
            if (!f.unexpectedIds().isEmpty()) {
                sb.append("      unexpected runs (").append(f.unexpectedIds().size()).append("): ")
                        .append(ids(f.unexpectedIds())).append('\n');
            }
            if (f.note() != null) {
                sb.append("      note:     ").append(f.note()).append('\n');
            }
            if (f.responseExcerpt() != null && !f.responseExcerpt().isBlank()) {
                sb.append("      body:     ").append(f.responseExcerpt().replace("\n", " ")).append('\n');
            }
        }
        if (r.moreFindings() > 0) {
            sb.append("  ... and ").append(r.moreFindings()).append(" more findings of the same check\n");
        }
        return sb.toString();
    }

    private static String ids(List<String> ids) {
        if (ids.size() <= MAX_IDS) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, MAX_IDS)) + ", ...";
    }

    public static String table(List<CheckResult> results, long wallMillis, int requests, int generated) {
        return table(results, wallMillis, requests, generated, 0, 0);
    }

    public static String table(List<CheckResult> results, long wallMillis, int requests, int generated,
                               int throttled, long waitedMillis) {
        int width = Math.max(20, results.stream().mapToInt(r -> r.check().length()).max().orElse(5) + 2);
        StringBuilder sb = new StringBuilder();
        sb.append(pad("check", width)).append(pad("verdict", 9)).append(pad("requests", 10)).append(pad("time", 9))
                .append("note\n");
        for (CheckResult r : results) {
            String note = switch (r.verdict()) {
                case SKIPPED -> r.reason();
                case FAILED -> (r.findings().size() + r.moreFindings()) + " finding(s)";
                case PASSED -> r.generatedQueries() > 0 ? r.generatedQueries() + " generated queries" : "";
            };
            sb.append(pad(r.check(), width)).append(pad(r.verdict().name(), 9))
                    .append(pad(Integer.toString(r.requests()), 10))
                    .append(pad(String.format(Locale.ROOT, "%.1f s", r.millis() / 1000.0), 9))
                    .append(note == null ? "" : note).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "wall time %.1f s, %d requests sent, %d generated queries", wallMillis / 1000.0,
                requests, generated));
        if (throttled > 0) {
            sb.append(String.format(Locale.ROOT, ", %d answered 429 (waited %.1f s in all)", throttled,
                    waitedMillis / 1000.0));
        }
        sb.append('\n');
        return sb.toString();
    }

    public static String closingLine(List<CheckResult> results) {
        long passed = results.stream().filter(r -> r.verdict() == Verdict.PASSED).count();
        long failed = results.stream().filter(r -> r.verdict() == Verdict.FAILED).count();
        long skipped = results.stream().filter(r -> r.verdict() == Verdict.SKIPPED).count();
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        if (sb.length() == s.length()) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
