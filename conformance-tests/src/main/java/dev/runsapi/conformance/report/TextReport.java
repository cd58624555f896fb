package dev.runsapi.conformance.report;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The plain-text report: the diagnosis list, a failed check's evidence (every distinct finding; findings
 * with the cause of an earlier one in one line), the table of verdicts, the closing line.
 */
public final class TextReport {
    private static final int MAX_IDS = 20;

    private TextReport() {
    }

    /** The console's cap on findings shown in full per check; the files hold them all. */
    public static final int CONSOLE_FINDINGS = 8;

    /** Every finding of a failed check, attributed by {@code d} (read up to this check). */
    public static String failure(CheckResult r, Diagnosis d) {
        return failure(r, d, Integer.MAX_VALUE);
    }

    public static String failure(CheckResult r) {
        return failure(r, Diagnosis.of(List.of(r)));
    }

    /** A failed check's findings, at most {@code cap} in full; attributed ones in one line each. */
    public static String failure(CheckResult r, Diagnosis d, int cap) {
        StringBuilder sb = new StringBuilder();
        sb.append("FAILED ").append(r.check()).append('\n');
        sb.append("  contract: ").append(r.clause()).append('\n');
        sb.append("  seed: ").append(r.seed()).append(" (replay with --seed ").append(r.seed()).append(")\n");
        int shown = 0;
        for (FindingRef ref : r.refs()) {
            Finding f = ref.finding();
            var earlier = d.sameCauseAs(ref);
            if (earlier.isPresent()) {
                sb.append("  [").append(ref.number()).append("] same cause as ").append(earlier.get().label())
                        .append(": ").append(f.signature()).append(seen(f)).append('\n');
                continue;
            }
            if (shown++ >= cap) {
                continue;
            }
            sb.append(finding(ref));
        }
        if (shown > cap) {
            sb.append("  ... and ").append(shown - cap).append(" more distinct finding(s) of this check: see summary.txt\n");
        }
        for (String n : r.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    /** One distinct finding in full: what, the request to replay it, expected and got, how often, examples. */
    public static String finding(FindingRef ref) {
        Finding f = ref.finding();
        StringBuilder sb = new StringBuilder();
        sb.append("  [").append(ref.number()).append("] ").append(f.rule()).append('\n');
        if (f.kind() != null || (f.cause() != null && !f.cause().isEmpty())) {
            StringJoiner deviation = new StringJoiner(" ");
            if (f.kind() != null) {
                deviation.add(f.kind());
            }
            if (f.cause() != null && !f.cause().isEmpty()) {
                deviation.add("(" + String.join(", ", f.cause()) + ")");
            }
            sb.append("      deviation: ").append(deviation).append('\n');
        }
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
        sb.append("      seen:     ").append(f.count()).append(" time(s)");
        if (!f.examples().isEmpty()) {
            sb.append("; e.g. ").append(String.join(", ", f.examples()));
        }
        sb.append('\n');
        if (f.note() != null) {
            sb.append("      note:     ").append(f.note()).append('\n');
        }
        if (f.responseExcerpt() != null && !f.responseExcerpt().isBlank()) {
            sb.append("      body:     ").append(f.responseExcerpt().replace("\n", " ")).append('\n');
        }
        return sb.toString();
    }

    private static String seen(Finding f) {
        return f.count() > 1 ? " (seen " + f.count() + " times)" : "";
    }

    /** The distinct deviations, one line each, most basic first: what to fix, in ten lines. */
    public static String diagnosis(Diagnosis d) {
        StringBuilder sb = new StringBuilder();
        sb.append("DIAGNOSIS: ").append(d.count()).append(" distinct deviation(s)");
        if (d.count() == 0) {
            return sb.append('\n').toString();
        }
        sb.append(", most basic first (details below, by check)\n");
        int i = 1;
        for (FindingRef ref : d.byLayer()) {
            sb.append(String.format(Locale.ROOT, "%3d. ", i++)).append(Diagnosis.line(ref)).append('\n');
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
                case FAILED -> r.findings().size() + " distinct finding(s)";
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
            // the workers wait side by side: their waits add up to more than the wall time they took
            sb.append(String.format(Locale.ROOT, ", %d answered 429 (%.1f s of waiting, summed over the workers)",
                    throttled, waitedMillis / 1000.0));
        }
        sb.append('\n');
        return sb.toString();
    }

    /** Notes of every check (how it ran, what it saw but allows), never failures; empty when none. */
    public static String notes(List<CheckResult> results) {
        StringBuilder sb = new StringBuilder();
        for (CheckResult r : results) {
            if (r.verdict() == Verdict.FAILED) {
                continue; // printed with its findings
            }
            for (String n : r.notes()) {
                sb.append("note (").append(r.check()).append("): ").append(n).append('\n');
            }
        }
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
