package dev.runsapi.conformance.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock as it ships is conformant: the default run is green and does real work (its wall time is in the README,
 * not asserted). The default run and the target that is down run the jars as a user does; the other tests run the
 * mock and the suite in this JVM.
 */
class MockConformanceIT {
    static final Path REPORTS = Path.of(System.getProperty("conformance.itDir", "target/it-reports"));

    @Test
    void defaultRunAgainstTheShippedMock_passesEveryCheckWithAtLeast500Queries() throws Exception {
        try (MockServerProcess mock = MockServerProcess.start()) {
            Path reportDir = REPORTS.resolve("mock");
            assertDefaultRunIsGreen(SuiteProcess.run(SuiteProcess.against(mock, reportDir)), reportDir);
        }
    }

    /**
     * A default run of the suite: exit 0, every check but the opt-in rate-limit passed, at least 500 generated
     * queries, and its reports written to {@code reportDir}.
     */
    static void assertDefaultRunIsGreen(SuiteProcess run, Path reportDir) {
        assertEveryCheckPassed(run);
        assertTrue(reportDir.resolve("allure-results").toFile().list().length > 0, "allure results written");
        assertTrue(reportDir.resolve("junit-xml/TEST-junit-jupiter.xml").toFile().isFile(), "junit xml written");
    }

    /** Exit 0, every check but the opt-in rate-limit passed, at least 500 generated queries. */
    static void assertEveryCheckPassed(SuiteProcess run) {
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.closingLine().matches("\\d+ passed, 0 failed, 1 skipped"), run.describe());
        assertEquals("SKIPPED", run.verdict("rate-limit").orElseThrow(), "rate-limit is opt-in");
        for (String check : List.of("response-schema", "filter-type", "filter-models", "filter-tags", "filter-search",
                "filter-duration", "filter-time-window", "filter-combined", "pagination", "pagination-defaults",
                "ordering", "errors-validation", "errors-auth", "tenant-isolation", "errors-precedence",
                "errors-body", "robustness")) {
            assertEquals("PASSED", run.verdict(check).orElse("absent"), check + "\n" + run.describe());
        }
        assertTrue(run.generatedQueries() >= 500, "generated queries: " + run.generatedQueries());
    }

    @Test
    void theSameSeed_sendsTheSameQueries() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "0")) {
            List<String> args = SuiteProcess.against(mock, REPORTS.resolve("replay"), "--seed", "12345", "--tries", "10",
                    "--only", "filter-combined,robustness,pagination");
            SuiteProcess first = SuiteProcess.inJvm(args);
            SuiteProcess second = SuiteProcess.inJvm(args);
            assertEquals(0, first.exitCode(), first.describe());
            assertEquals(first.requests(), second.requests());
            assertEquals(first.generatedQueries(), second.generatedQueries());
        }
    }

    @Test
    void rateLimitCheck_passesOnTheMockAndThrottlingIsNoFailure() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "5")) {
            SuiteProcess run = SuiteProcess.inJvm(SuiteProcess.against(mock, REPORTS.resolve("rate-limit"),
                    "--check-rate-limit", "--tries", "3", "--only", "filter-type,rate-limit"));
            assertEquals(0, run.exitCode(), run.describe());
            assertEquals("PASSED", run.verdict("rate-limit").orElse("absent"), run.describe());
            assertEquals("PASSED", run.verdict("filter-type").orElse("absent"), run.describe());
            assertTrue(run.out().contains("answered 429"), "the run was throttled and waited it out\n" + run.describe());
        }
    }

    @Test
    void aTargetThatIsDown_exitsTwoWithOneLineAndNoStackTrace() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SuiteProcess run = SuiteProcess.run(List.of("--target", "http://127.0.0.1:" + port, "--api-key", "k",
                "--app-id", "a", "--timeout", "2", "--report-dir", REPORTS.resolve("down").toString()));
        assertEquals(2, run.exitCode(), run.describe());
        assertTrue(run.err().strip().matches("error: cannot connect to http://127\\.0\\.0\\.1:\\d+ .*"), run.describe());
        assertEquals(1, run.err().strip().lines().count(), run.describe());
    }
}
