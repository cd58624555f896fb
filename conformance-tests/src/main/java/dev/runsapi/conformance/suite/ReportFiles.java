package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.Secrets;
import dev.runsapi.conformance.report.Diagnosis;
import dev.runsapi.conformance.report.JsonReport;
import dev.runsapi.conformance.report.TextReport;
import dev.runsapi.conformance.report.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The end of a run: the diagnosis, notes, table and closing line on the console; summary.txt (and
 * report.json when asked for) in the report directory.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static void finish(SuiteRun run, PrintStream out) {
        List<CheckResult> results = run.results();
        Diagnosis d = Diagnosis.of(results);
        String table = TextReport.table(results, run.elapsedMillis(), run.client().requestCount(),
                run.generatedQueries(), run.client().throttledCount(), run.client().waitedMillis()) + run.traffic();
        String changed = run.changes().summary();
        if (changed != null) {
            table += changed + "\n";
        }
        String closing = TextReport.closingLine(results);
        String diagnosis = TextReport.diagnosis(d);
        String notes = TextReport.notes(results);
        out.println();
        out.print(diagnosis);
        out.print(notes);
        out.print(table);
        out.println(closing);
        out.flush();
        StringBuilder file = new StringBuilder();
        file.append("target ").append(run.settings().target()).append(", seed ").append(run.settings().seed())
                .append('\n');
        preamble(run.settings()).forEach(l -> file.append(l).append('\n'));
        file.append('\n');
        file.append(diagnosis).append('\n');
        results.stream().filter(r -> r.verdict() == Verdict.FAILED).forEach(r -> file.append(TextReport.failure(r, d))
                .append('\n'));
        file.append(notes).append(table).append(closing).append('\n');
        Path dir = run.settings().reportDir();
        write(dir.resolve("summary.txt"), run.secrets().redact(file.toString()), out);
        if (run.reportFormats().contains(ReportFormat.JSON)) {
            write(dir.resolve("report.json"), run.secrets().redact(JsonReport.render(run.settings().target(),
                    run.settings().seed(), results,
                    new JsonReport.Totals(run.elapsedMillis(), run.client().requestCount(), run.generatedQueries()))),
                    out);
        } else {
            try {
                Files.deleteIfExists(dir.resolve("report.json")); // a stale one would pass for this run's
            } catch (IOException e) {
                out.println("(could not remove a stale report.json: " + e.getMessage() + ")");
            }
        }
        // two seconds of slack for file systems that keep modification times coarsely
        redactDirectory(dir, run.secrets(), Instant.now().minusMillis(run.elapsedMillis()).minusSeconds(2), out);
    }

    /** The one way a report file is written (the funnel of the files sink). */
    private static void write(Path file, String text, PrintStream out) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("(could not write " + file.getFileName() + ": " + e.getMessage() + ")");
        }
    }

    /**
     * The lines that open the console output and summary.txt: the --insecure warning, and which shell
     * variable stands for which secret (or that secrets are shown).
     */
    public static List<String> preamble(Settings settings) {
        List<String> lines = new ArrayList<>();
        String insecure = settings.transport().insecureWarning();
        if (insecure != null) {
            lines.add(insecure);
        }
        lines.addAll(Secrets.of(settings).preamble());
        return lines;
    }

    /**
     * The funnel of the files that listeners we do not control write (Allure results and attachments, JUnit
     * XML, which also lists the JVM's command line): every file of the report directory that this run
     * wrote (modified since it started: a --report-dir that holds other files, even ".", leaves them alone),
     * rewritten with its secrets replaced. They are UTF-8 text; symbolic links are not followed.
     */
    public static void redactDirectory(Path dir, Secrets secrets, Instant since, PrintStream out) {
        if (secrets.shown() || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(since)) {
                    continue;
                }
                String utf8 = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                String redacted = secrets.redact(utf8);
                if (!redacted.equals(utf8)) {
                    Files.writeString(f, redacted, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            out.println("(could not mask the secrets in " + dir + ": " + e.getMessage() + "; do not publish it)");
        }
    }
}
