package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Check;
import dev.runsapi.conformance.checks.CheckCatalog;
import dev.runsapi.conformance.checks.CheckRunner;
import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.FindingRef;
import dev.runsapi.conformance.wire.ContractValidator;
import dev.runsapi.conformance.wire.RateLimitPolicy;
import dev.runsapi.conformance.wire.TargetClient;
import dev.runsapi.conformance.wire.TargetUnreachableException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state of one conformance run, shared between whoever starts it (the CLI, or Maven through
 * {@link SuiteSettingsSource}) and the JUnit {@link ConformanceSuite} that executes its checks.
 */
public final class SuiteRun {
    /** Runs wanted in the baseline: enough for every filter to have something to bite on. */
    public static final int BASELINE_RUNS = 1500;

    private static volatile SuiteRun current;

    private final Settings settings;
    private final TargetClient client;
    private final CheckRunner runner;
    private final PrintStream out;
    private final List<CheckResult> results = Collections.synchronizedList(new ArrayList<>());
    private final long startNanos = System.nanoTime();
    private Baseline baseline;
    private RuntimeException baselineError;
    private volatile String unreachable;
    private boolean startedByMaven;
    private java.util.Set<ReportFormat> reportFormats = java.util.EnumSet.of(ReportFormat.DEFAULT);

    public SuiteRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.client = new TargetClient(settings.target(), settings.timeout(), RateLimitPolicy.defaults(),
                new ContractValidator());
        this.runner = new CheckRunner(settings, client, this::baseline, this::steering);
    }

    /** What the report directory gets besides the default reports (see {@link ReportFormat}). */
    public SuiteRun reportFormats(java.util.Set<ReportFormat> formats) {
        this.reportFormats = java.util.EnumSet.copyOf(formats);
        return this;
    }

    public java.util.Set<ReportFormat> reportFormats() {
        return java.util.Collections.unmodifiableSet(reportFormats);
    }

    void markStartedByMaven() {
        startedByMaven = true;
    }

    boolean startedByMaven() {
        return startedByMaven;
    }

    public static void install(SuiteRun run) {
        current = run;
    }

    public static SuiteRun current() {
        return current;
    }

    public Settings settings() {
        return settings;
    }

    public TargetClient client() {
        return client;
    }

    public List<Check> selectedChecks() {
        return CheckCatalog.all().stream().filter(c -> settings.selected(c.name())).toList();
    }

    /** Read once, on first use; a failure to read it is the answer of every check that needs it. */
    synchronized Baseline baseline() {
        if (baseline == null && baselineError == null) {
            try {
                baseline = new Discovery(client, settings.appId(), settings.apiKey(), BASELINE_RUNS).discover();
            } catch (TargetUnreachableException e) {
                throw e;
            } catch (RuntimeException e) {
                baselineError = e;
            }
        }
        if (baselineError != null) {
            throw baselineError;
        }
        return baseline;
    }

    /** Runs one check, records and prints its verdict. */
    public CheckResult execute(Check check) {
        if (unreachable != null) {
            return record(CheckResult.skipped(check.name(), check.clause(), "target unreachable: " + unreachable,
                    settings.seed()));
        }
        try {
            return record(runner.run(check));
        } catch (TargetUnreachableException e) {
            unreachable = e.getMessage();
            return record(CheckResult.skipped(check.name(), check.clause(), "target unreachable: " + unreachable,
                    settings.seed()));
        }
    }

    private CheckResult record(CheckResult r) {
        results.add(r);
        out.printf("%-20s %s%s%n", r.check(), r.verdict(), r.reason() == null ? "" : " (" + r.reason() + ")");
        if (r.verdict() == dev.runsapi.conformance.report.Verdict.FAILED) {
            out.print(dev.runsapi.conformance.report.TextReport.failure(r,
                    dev.runsapi.conformance.report.Diagnosis.of(results()),
                    dev.runsapi.conformance.report.TextReport.CONSOLE_FINDINGS));
        }
        out.flush();
        return r;
    }

    /** The results so far, in catalog order (never in finishing order). */
    public List<CheckResult> results() {
        synchronized (results) {
            return results.stream().sorted(java.util.Comparator.comparingInt(r -> CheckCatalog.index(r.check())))
                    .toList();
        }
    }

    /**
     * What steers a phase-1 check: the findings of phase-0 checks where a valid request was refused (a
     * status where 200 was due), so that it does not draw values of the same classes again. Only from
     * phase 0 into phase 1, so that a run is the same whatever runs concurrently within a phase.
     */
    List<FindingRef> steering(Check check) {
        if (check.phase() != 1) {
            return List.of();
        }
        java.util.Set<String> phase0 = CheckCatalog.all().stream().filter(c -> c.phase() == 0).map(Check::name)
                .collect(java.util.stream.Collectors.toSet());
        return results().stream().filter(r -> phase0.contains(r.check())).flatMap(r -> r.refs().stream())
                .filter(ref -> ref.finding().kind() != null && ref.finding().kind().endsWith(" where 200"))
                .toList();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Set when the target stopped answering during the run (exit code 2). */
    public String unreachable() {
        return unreachable;
    }

    public int generatedQueries() {
        return results().stream().mapToInt(CheckResult::generatedQueries).sum();
    }
}
