package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Check;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.Diagnosis;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.report.FindingRef;
import dev.runsapi.conformance.report.Secrets;
import dev.runsapi.conformance.report.TextReport;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
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
    Stream<DynamicNode> checks() {
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
        // One container per check, filled when the check has run: one test per distinct finding (failed), so that
        // Allure and the JUnit XML list each of them; a finding with the cause of an earlier check's is an aborted
        // test that names it; a check without findings is one passed (or aborted, when skipped) test.
        return r.selectedChecks().stream().map(c -> DynamicContainer.dynamicContainer(c.name(),
                Stream.of(c).flatMap(check -> tests(r, check))));
    }

    private static Stream<DynamicTest> tests(SuiteRun run, Check check) {
        CheckResult result = run.execute(check);
        Secrets secrets = run.secrets();
        Diagnosis d = Diagnosis.of(run.results());
        List<DynamicTest> tests = new ArrayList<>();
        switch (result.verdict()) {
            case PASSED -> tests.add(DynamicTest.dynamicTest(check.name() + " passed", () -> {
                describe(secrets, check, result);
            }));
            case SKIPPED -> tests.add(DynamicTest.dynamicTest(check.name() + " skipped", () -> {
                describe(secrets, check, result);
                throw new TestAbortedException(secrets.redact(result.reason()));
            }));
            case FAILED -> {
                for (FindingRef ref : result.refs()) {
                    var earlier = d.sameCauseAs(ref);
                    String name = secrets.redact(ref.label() + ": " + ref.finding().signature());
                    tests.add(DynamicTest.dynamicTest(earlier.map(e -> ref.label() + ": same cause as " + e.label())
                            .orElse(name), () -> {
                                describe(secrets, check, result);
                                if (earlier.isPresent()) {
                                    throw new TestAbortedException(secrets.redact(ref.label() + " has the same cause as "
                                            + earlier.get().label() + ": " + ref.finding().signature()));
                                }
                                attach(secrets, ref, result.seed());
                                throw new AssertionFailedError(secrets.redact(TextReport.finding(ref)));
                            }));
                }
            }
        }
        return tests.stream();
    }

    private static void describe(Secrets secrets, Check check, CheckResult result) {
        Allure.description(secrets.redact(check.clause()));
        Allure.label("check", check.name());
        for (String n : result.notes()) {
            attach(secrets, "note", n);
        }
    }

    /** The finding's request (curl), evidence and response body, as Allure attachments of its test. */
    private static void attach(Secrets secrets, FindingRef ref, long seed) {
        Finding f = ref.finding();
        String text = "rule: " + f.rule() + "\nsignature: " + f.signature() + "\nrequest: " + f.curl()
                + "\nexpected: " + f.expected() + "\ngot: " + f.got()
                + (f.missingIds().isEmpty() ? "" : "\nmissing runs: " + f.missingIds())
                + (f.unexpectedIds().isEmpty() ? "" : "\nunexpected runs: " + f.unexpectedIds())
                + "\nseen: " + f.count() + " time(s)" + (f.examples().isEmpty() ? "" : "; e.g. " + f.examples())
                + (f.note() == null ? "" : "\nnote: " + f.note()) + "\nseed: " + seed;
        attach(secrets, "request (curl)", f.curl() == null ? "(none)" : f.curl());
        attach(secrets, "evidence", text);
        if (f.responseExcerpt() != null) {
            attach(secrets, "response body", f.responseExcerpt());
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
