package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.Diagnosis;
import dev.runsapi.conformance.report.JsonReport;
import dev.runsapi.conformance.report.TextReport;
import dev.runsapi.conformance.report.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
                run.generatedQueries(), run.client().throttledCount(), run.client().waitedMillis());
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
                .append("\n\n");
        file.append(diagnosis).append('\n');
        results.stream().filter(r -> r.verdict() == Verdict.FAILED).forEach(r -> file.append(TextReport.failure(r, d))
                .append('\n'));
        file.append(notes).append(table).append(closing).append('\n');
        Path dir = run.settings().reportDir();
        write(dir.resolve("summary.txt"), file.toString(), out);
        if (run.reportFormats().contains(ReportFormat.JSON)) {
            write(dir.resolve("report.json"), JsonReport.render(run.settings().target(), run.settings().seed(), results,
                    new JsonReport.Totals(run.elapsedMillis(), run.client().requestCount(), run.generatedQueries())),
                    out);
        } else {
            try {
                Files.deleteIfExists(dir.resolve("report.json")); // a stale one would pass for this run's
            } catch (IOException e) {
                out.println("(could not remove a stale report.json: " + e.getMessage() + ")");
            }
        }
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
}
