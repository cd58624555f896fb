package dev.runsapi.conformance.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each deliberate defect of the mock (ADR 0002) makes the run fail, and the check that owns the broken
 * rule is among those that report it, with a curl to replay and the seed.
 */
class MockDefectsIT {
    static final Path REPORTS = Path.of(System.getProperty("conformance.itDir", "target/it-reports"));

    @ParameterizedTest(name = "{0} is reported by {1}")
    @CsvSource({
        "type-filter-ignored, filter-type",
        "models-prefix-match, filter-models",
        "tags-match-all, filter-tags",
        "search-case-sensitive, filter-search",
        "search-like-wildcards, filter-search",
        "duration-bounds-exclusive, filter-duration",
        "duration-zero-ignored, filter-duration",
        "window-end-exclusive, filter-time-window",
        "page-off-by-one, pagination",
        "total-is-page-count, pagination",
        "default-limit-10, pagination-defaults",
        "no-tie-break, ordering",
        "order-ignored, ordering",
        "duration-as-string, response-schema",
        "missing-key-500, errors-auth",
        "validation-400, errors-validation",
        "error-body-unnamed, errors-body",
        "reversed-window-accepted, errors-validation",
        "validation-before-auth, errors-precedence",
        "tenant-leak, tenant-isolation",
        "no-retry-after, rate-limit",
        "leap-second-next-minute, errors-edge-inputs",
        "percent-utf8-replaced, errors-edge-inputs",
        "minus-zero-accepted, errors-edge-inputs",
        "single-instant-refused, errors-validation",
        "bounds-cut-to-second, filter-time-window",
        "search-backslash-escape, filter-search",
        "user-of-nulls, response-schema",
        "query-key-wins, errors-auth"
    })
    void defect_isReportedByItsOwningCheck(String defect, String owner) throws Exception {
        assertReportedByOwner(defect, owner, "defect-" + defect);
    }

    /** The mock with {@code defect} (and {@code moreMockFlags}) fails the run, reported by {@code owner}. */
    static void assertReportedByOwner(String defect, String owner, String reportName, String... moreMockFlags)
            throws Exception {
        boolean rateLimit = defect.equals("no-retry-after");
        List<String> mockFlags = new ArrayList<>(rateLimit ? List.of("--rate-limit", "5", "--defect", defect)
                : List.of("--rate-limit", "0", "--defect", defect));
        mockFlags.addAll(List.of(moreMockFlags));
        // The mock and the suite in this JVM: what is asked is what the check finds, not how the jars start
        // (MockConformanceIT runs both jars), and a JVM start of each per row was most of a row's time.
        try (MockServerProcess mock = MockServerProcess.inJvm(mockFlags.toArray(String[]::new))) {
            // Only the owning check, at low effort: the question is whether that check catches the defect, and
            // 29 full runs would not fit the build's time budget (the full run is MockConformanceIT's).
            List<String> extra = new ArrayList<>(List.of("--seed", "2024", "--tries", "4", "--only", owner));
            if (rateLimit) {
                extra.add("--check-rate-limit");
            }
            SuiteProcess run = SuiteProcess.inJvm(SuiteProcess.against(mock, REPORTS.resolve(reportName),
                    extra.toArray(String[]::new)));
            assertEquals(1, run.exitCode(), run.describe());
            assertEquals("FAILED", run.verdict(owner).orElse("absent"), owner + " must report " + defect + "\n"
                    + run.describe());
            String block = run.out().substring(run.out().indexOf("FAILED " + owner + "\n"));
            assertTrue(block.contains("request:  curl "), "a curl to replay it\n" + block);
            assertTrue(block.contains("seed: 2024"), "the seed\n" + block);
            assertTrue(run.closingLine().matches("\\d+ passed, [1-9]\\d* failed, \\d+ skipped"), run.closingLine());
        }
    }
}
