package dev.runsapi.conformance.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite against targets as CI meets them (issue 12): far away, with data that changes, rate-limited.
 * Concurrency changes nothing in the report; a live target is judged right, and its real defects are
 * still found; a change the contract forbids is reported. Timings are in the README, never asserted here. The
 * mocks and the suite run in this JVM: what is compared is the suite's traffic and reports, not the jars.
 */
class RemoteTargetIT {
    static final Path REPORTS = Path.of(System.getProperty("conformance.itDir", "target/it-reports"));
    /** Enough checks to cover every kind of request the suite sends, at an effort that keeps this cheap. */
    static final String SOME_CHECKS = "filter-tags,filter-duration,filter-combined,pagination,ordering,"
            + "errors-validation,errors-body,robustness,response-schema";

    /** A mock a little away (20 ms, so that concurrency matters), not rate-limited; shared by two tests. */
    static MockServerProcess away;

    @BeforeAll
    static void startAway() throws Exception {
        away = MockServerProcess.inJvm("--rate-limit", "0", "--latency-ms", "20");
    }

    @AfterAll
    static void stopAway() throws Exception {
        if (away != null) {
            away.close();
        }
    }

    @Test
    void theSameSeed_givesTheSameReport_atConcurrencyOneAndAtTheDefault() throws Exception {
        SuiteProcess one = SuiteProcess.inJvm(SuiteProcess.against(away, REPORTS.resolve("concurrency-1"),
                "--seed", "77", "--tries", "8", "--only", SOME_CHECKS, "--concurrency", "1"));
        SuiteProcess many = SuiteProcess.inJvm(SuiteProcess.against(away, REPORTS.resolve("concurrency-default"),
                "--seed", "77", "--tries", "8", "--only", SOME_CHECKS));
        assertEquals(0, one.exitCode(), one.describe());
        assertEquals(withoutTimings(REPORTS.resolve("concurrency-1/summary.txt")),
                withoutTimings(REPORTS.resolve("concurrency-default/summary.txt")));
        assertEquals(withoutTimings(one.out()), withoutTimings(many.out()));
    }

    /** The report with its timings (the time column and the wall time) left out. */
    static String withoutTimings(Path summary) throws Exception {
        return withoutTimings(Files.readString(summary, StandardCharsets.UTF_8));
    }

    static String withoutTimings(String report) {
        return report.replaceAll("(?m)\\s+\\d+\\.\\d s\\s+", " _ ").replaceAll("wall time [\\d.]+ s", "wall time _");
    }

    @Test
    void liveTargets_areGreen_withSeveralSeeds() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "0", "--live", "10")) {
            assertGreen(mock, "live-10", "101");
        }
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "0", "--live", "100")) {
            assertGreen(mock, "live-100-a", "202");
            assertGreen(mock, "live-100-b", "303");
        }
    }

    private static void assertGreen(MockServerProcess mock, String name, String seed) throws Exception {
        SuiteProcess run = SuiteProcess.inJvm(SuiteProcess.against(mock, REPORTS.resolve(name), "--seed", seed));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.closingLine().matches("\\d+ passed, 0 failed, 1 skipped"), run.describe());
    }

    @Test
    void aLiveTarget_withOneDefectOfEachFamily_hasEachFound() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "0", "--live", "100",
                "--defect", "tags-match-all", "--defect", "page-off-by-one", "--defect", "no-tie-break",
                "--defect", "missing-key-500")) {
            SuiteProcess run = SuiteProcess.inJvm(SuiteProcess.against(mock, REPORTS.resolve("live-defects"),
                    "--seed", "404", "--tries", "8", "--only", "filter-tags,pagination,ordering,errors-auth"));
            assertEquals(1, run.exitCode(), run.describe());
            for (String owner : List.of("filter-tags", "pagination", "ordering", "errors-auth")) {
                assertEquals("FAILED", run.verdict(owner).orElse("absent"), owner + "\n" + run.describe());
            }
        }
    }

    @Test
    void aRateLimitedTarget_getsNoMore429sAtConcurrencyEight_thanAtOne() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "5")) {
            SuiteProcess one = SuiteProcess.inJvm(SuiteProcess.against(mock, REPORTS.resolve("rate-5-concurrency-1"),
                    "--seed", "5", "--tries", "3", "--only", "filter-type,pagination-defaults", "--concurrency", "1"));
            Thread.sleep(1100); // a fresh second of the mock's budget for the second run
            SuiteProcess eight = SuiteProcess.inJvm(SuiteProcess.against(mock, REPORTS.resolve("rate-5-concurrency-8"),
                    "--seed", "5", "--tries", "3", "--only", "filter-type,pagination-defaults", "--concurrency", "8"));
            assertEquals(0, one.exitCode(), one.describe());
            assertEquals(0, eight.exitCode(), eight.describe());
            // on a machine so loaded that one request at a time stays under 5 a second, there is nothing to compare
            Assumptions.assumeTrue(throttled(one) >= 1, "the run at concurrency 1 never met the limit\n" + one.describe());
            assertTrue(throttled(eight) <= throttled(one), "429s at concurrency 8: " + throttled(eight)
                    + ", at 1: " + throttled(one) + "\n" + eight.describe());
        }
    }

    static int throttled(SuiteProcess run) {
        Matcher m = Pattern.compile(", (\\d+) answered 429").matcher(run.out());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    void aTargetThatDropsARunBetweenTwoReads_isReported() throws Exception {
        try (RunDroppingProxy proxy = RunDroppingProxy.start(away.url)) {
            List<String> args = new java.util.ArrayList<>(List.of("--target", proxy.url(), "--api-key", away.apiKey,
                    "--app-id", away.appId, "--report-dir", REPORTS.resolve("dropped-run").toString(),
                    "--seed", "9", "--tries", "8", "--only", "filter-type,filter-time-window"));
            SuiteProcess run = SuiteProcess.inJvm(args);
            assertEquals(1, run.exitCode(), run.describe());
            assertTrue(run.out().contains("no run disappears or changes otherwise"), run.describe());
            assertTrue(run.out().contains("absent: the run disappeared") && run.out().contains(proxy.dropped()),
                    "the dropped run is named\n" + run.describe());
        }
    }
}
