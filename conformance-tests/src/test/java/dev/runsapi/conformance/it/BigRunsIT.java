package dev.runsapi.conformance.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs of real size (issue 16): the mock's runs with about 64 KB of input and output each. The default run
 * is green in a 512 MB heap and keeps to its byte budget; defects are still found. Bytes are asserted,
 * never time. The mock holds 600 runs rather than 2000: the suite's baseline is bounded by bytes (about
 * 190 runs of 64 KB) whatever the app holds, and fewer runs keep the mock's start and its search scans cheap.
 */
class BigRunsIT {
    static final Path REPORTS = Path.of(System.getProperty("conformance.itDir", "target/it-reports"));
    static final String[] BIG = {"--text-size", "65536", "--runs", "600"};
    /** What the suite promises of one answer: pages of about 4 MB, and one default page of 100 runs (6.4 MB here). */
    static final double LARGEST_ANSWER_MB = 8;

    @Test
    void defaultRunOn64KbRuns_isGreenInA512MbHeapAndReadsWithinItsBudget() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm(BIG)) {
            SuiteProcess run = SuiteProcess.run(List.of("-Xmx512m"), SuiteProcess.against(mock, REPORTS.resolve("big-runs")));
            MockConformanceIT.assertEveryCheckPassed(run);
            SuiteProcess.Traffic t = run.traffic();
            assertTrue(t.largestMb() <= LARGEST_ANSWER_MB, "largest answer " + t.largestMb() + " MB\n" + run.describe());
            assertTrue(t.baselineMb() <= 16 && t.baselineRuns() >= 120 && t.baselineRuns() < 600,
                    "a baseline bounded by bytes, not runs: " + t + "\n" + run.describe());
            // Each of the ~800 requests reads at most a page; together they read the baseline about 80 times
            // over (a small-run default run: about 60). Before the budget: tens of GB at this size.
            assertTrue(t.totalMb() <= 100 * t.baselineMb() && t.totalMb() <= 1536,
                    "read " + t.totalMb() + " MB in all\n" + run.describe());
        }
    }

    @ParameterizedTest(name = "{0} is still reported by {1} on 64 KB runs")
    @CsvSource({
        "search-case-sensitive, filter-search",
        "page-off-by-one, pagination",
        "no-tie-break, ordering"
    })
    void defectOn64KbRuns_isReportedByItsOwningCheck(String defect, String owner) throws Exception {
        MockDefectsIT.assertReportedByOwner(defect, owner, "big-defect-" + defect, BIG);
    }
}
