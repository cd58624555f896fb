package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.TextReport;
import dev.runsapi.conformance.report.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a run: the table and closing line on the console, and summary.txt in the report directory. */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static void finish(SuiteRun run, PrintStream out) {
        List<CheckResult> results = run.results();
        String table = TextReport.table(results, run.elapsedMillis(), run.client().requestCount(),
                run.generatedQueries(), run.client().throttledCount(), run.client().waitedMillis()) + run.traffic();
        String closing = TextReport.closingLine(results);
        out.println();
        out.print(table);
        out.println(closing);
        out.flush();
        StringBuilder file = new StringBuilder();
        file.append("target ").append(run.settings().target()).append(", seed ").append(run.settings().seed())
                .append("\n\n");
        results.stream().filter(r -> r.verdict() == Verdict.FAILED).forEach(r -> file.append(TextReport.failure(r))
                .append('\n'));
        file.append(table).append(closing).append('\n');
        try {
            Path dir = run.settings().reportDir();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.txt"), file.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("(could not write summary.txt: " + e.getMessage() + ")");
        }
    }
}
