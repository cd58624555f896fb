package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Check;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.report.Secrets;
import dev.runsapi.conformance.report.TextReport;
import dev.runsapi.conformance.report.Verdict;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checks as JUnit tests: one dynamic test per check, so that any JUnit Platform listener (Allure's,
 * the legacy XML report's, Surefire's) reports them. The CLI launches this class through the Launcher;
 * Maven runs it through a test subclass when {@code conformance.target} is given.
 */
@DisplayName("Runs API conformance")
public class ConformanceSuite {

    @TestFactory
    @DisplayName("checks")
    Stream<DynamicTest> checks() {
        SuiteRun run = SuiteRun.current();
        if (run == null) {
            Optional<SuiteRun> fromProperties = SuiteSettingsSource.fromEnvironment(System.out);
            Assumptions.assumeTrue(fromProperties.isPresent(),
                    "no target: set conformance.target (or CONFORMANCE_TARGET), conformance.apiKey and conformance.appId");
            run = fromProperties.get();
            Optional<String> problem = Preflight.check(run.client(), run.settings());
            if (problem.isPresent()) {
                throw new AssertionFailedError("error: " + problem.get());
            }
            SuiteRun.install(run);
        }
        SuiteRun r = run;
        return r.selectedChecks().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> execute(r, c)));
    }

    private static void execute(SuiteRun run, Check check) {
        CheckResult result = run.execute(check);
        Secrets secrets = run.secrets();
        Allure.description(secrets.redact(check.clause()));
        Allure.label("check", check.name());
        int i = 1;
        for (Finding f : result.findings()) {
            String text = "rule: " + f.rule() + "\nrequest: " + f.curl() + "\nexpected: " + f.expected() + "\ngot: "
                    + f.got() + (f.missingIds().isEmpty() ? "" : "\nmissing runs: " + f.missingIds())
                    + (f.unexpectedIds().isEmpty() ? "" : "\nunexpected runs: " + f.unexpectedIds())
                    + (f.note() == null ? "" : "\nnote: " + f.note()) + "\nseed: " + result.seed();
            attach(secrets, "finding " + i + ": request and evidence", text);
            if (f.responseExcerpt() != null) {
                attach(secrets, "finding " + i + ": response body", f.responseExcerpt());
            }
            i++;
        }
        if (result.verdict() == Verdict.FAILED) {
            throw new AssertionFailedError(secrets.redact(TextReport.failure(result)));
        }
        if (result.verdict() == Verdict.SKIPPED) {
            throw new TestAbortedException(secrets.redact(result.reason()));
        }
    }

    /** Allure's funnel: every attachment leaves with its secrets masked. */
    private static void attach(Secrets secrets, String name, String text) {
        Allure.addAttachment(name, "text/plain", secrets.redact(text), ".txt");
    }

    /** Under Maven, where no CLI prints it, the table and closing line come at the end of the class. */
    @AfterAll
    static void summary() {
        SuiteRun run = SuiteRun.current();
        if (run != null && run.startedByMaven()) {
            SuiteRun.install(null);
            run.client().close();
            ReportFiles.finish(run, System.out);
            if (run.unreachable() != null) {
                throw new AssertionFailedError("error: the target stopped answering during the run: "
                        + run.unreachable());
            }
        }
    }
}
