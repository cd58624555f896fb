package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Check;
import dev.runsapi.conformance.checks.CheckCatalog;
import dev.runsapi.conformance.checks.CheckRunner;
import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.report.CheckResult;
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

    public SuiteRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.client = new TargetClient(settings.target(), settings.timeout(), RateLimitPolicy.defaults(),
                new ContractValidator());
        this.runner = new CheckRunner(settings, client, this::baseline);
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

    /**
     * What was read: the answers' bytes and the largest answer, and the budget the runs' size set (one line,
     * for the table).
     */
    public String traffic() {
        Baseline b;
        synchronized (this) {
            b = baseline;
        }
        return "read " + dev.runsapi.conformance.discovery.Budget.bytes(client.bytesRead()) + " of answers, the largest "
                + dev.runsapi.conformance.discovery.Budget.bytes(client.largestAnswerBytes())
                + (b == null || b.budget() == null ? "" : "; " + b.budget().describe() + "; baseline " + b.runs().size()
                + " runs, " + dev.runsapi.conformance.discovery.Budget.bytes(b.bytes())) + "\n";
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
            out.print(dev.runsapi.conformance.report.TextReport.failure(r));
        }
        out.flush();
        return r;
    }

    public List<CheckResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
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
