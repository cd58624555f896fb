package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Check;
import dev.runsapi.conformance.checks.CheckCatalog;
import dev.runsapi.conformance.checks.CheckRunner;
import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.Secrets;
import dev.runsapi.conformance.report.FindingRef;
import dev.runsapi.conformance.wire.ContractValidator;
import dev.runsapi.conformance.wire.RateLimitPolicy;
import dev.runsapi.conformance.wire.TargetClient;
import dev.runsapi.conformance.wire.TargetUnreachableException;

import dev.runsapi.conformance.discovery.DataChanges;
import dev.runsapi.conformance.oracle.TimeBound;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.report.Verdict;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The state of one conformance run, shared between whoever starts it (the CLI, or Maven through
 * {@link SuiteSettingsSource}) and the JUnit {@link ConformanceSuite} that executes its checks.
 */
public final class SuiteRun {
    /** Runs wanted in the baseline: enough for every filter to have something to bite on. */
    public static final int BASELINE_RUNS = 1500;

    private static volatile SuiteRun current;

    private final Settings settings;
    private final RemoteOptions remote;
    private final DataChanges changes = new DataChanges();
    /** Each selected check's result to come, by name; made on the first {@link #execute}. */
    private Map<String, CompletableFuture<CheckResult>> scheduled;
    private final TargetClient client;
    private final Secrets secrets;
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
        this(settings, RemoteOptions.defaults(), out);
    }

    public SuiteRun(Settings settings, RemoteOptions remote, PrintStream out) {
        this.settings = settings;
        this.remote = remote;
        this.out = out;
        this.client = new TargetClient(settings.target(), settings.timeout(), RateLimitPolicy.defaults(),
                new ContractValidator(), settings.transport(), remote.concurrency());
        this.secrets = Secrets.of(settings);
        this.runner = new CheckRunner(settings, client, this::baseline, changes, this::steering);
    }

    public RemoteOptions remote() {
        return remote;
    }

    /** What re-reads found out about data that changed under the suite. */
    public DataChanges changes() {
        return changes;
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

    /** What every output of this run masks (see {@link Secrets}). */
    public Secrets secrets() {
        return secrets;
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
                Instant cutoff = Instant.now().minus(remote.settle());
                TimeBound horizon = Discovery.horizon(client, settings.appId(), settings.apiKey(), cutoff);
                baseline = new Discovery(client, settings.appId(), settings.apiKey(), BASELINE_RUNS, horizon)
                        .discover();
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

    /**
     * The verdict of one check, recorded and printed. The first call starts every selected check
     * (see {@link #schedule}); each call then waits for its own check, so that verdicts are printed
     * and reported in catalog order, each when it and every check before it are done.
     */
    public CheckResult execute(Check check) {
        CompletableFuture<CheckResult> result;
        synchronized (this) {
            if (scheduled == null) {
                schedule(selectedChecks());
            }
            result = scheduled.get(check.name());
        }
        return record(result == null ? runOne(check) : result.join());
    }

    /**
     * Runs the checks phase by phase ({@link Check#phase}): every check of phase 0 side by side, then of
     * phase 1, then phase 2 one after the other (rate-limit bursts on purpose and must be alone). Each
     * check sends its own requests in its own deterministic order; the client keeps at most
     * {@code --concurrency} of them in flight in all. With a concurrency of 1 the checks of a phase run
     * one after the other in catalog order, as before concurrency existed.
     */
    private void schedule(List<Check> checks) {
        scheduled = new LinkedHashMap<>();
        checks.forEach(c -> scheduled.put(c.name(), new CompletableFuture<>()));
        Thread scheduler = new Thread(() -> runPhases(checks), "conformance-phases");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    private void runPhases(List<Check> checks) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "conformance-check");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int phase = 0; phase <= 2; phase++) {
                int p = phase;
                List<Check> inPhase = checks.stream().filter(c -> phaseOf(c) == p).toList();
                if (p == 2 || remote.concurrency() == 1) {
                    inPhase.forEach(this::runScheduled);
                } else {
                    CompletableFuture.allOf(inPhase.stream()
                            .map(c -> CompletableFuture.runAsync(() -> runScheduled(c), pool))
                            .toArray(CompletableFuture[]::new)).join();
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static int phaseOf(Check c) {
        return Math.max(0, Math.min(2, c.phase()));
    }

    private void runScheduled(Check check) {
        CompletableFuture<CheckResult> f = scheduled.get(check.name());
        try {
            f.complete(runOne(check));
        } catch (Throwable t) {
            f.complete(new CheckResult(check.name(), check.clause(), Verdict.FAILED, null,
                    List.of(Finding.of("the check completes", null, "no error", "the check could not complete: " + t)),
                    List.of(), 0, 0, 0, settings.seed()));
        }
    }

    /** Runs one check; a target that stopped answering skips it and every check after it. */
    private CheckResult runOne(Check check) {
        if (unreachable != null) {
            return CheckResult.skipped(check.name(), check.clause(), "target unreachable: " + unreachable,
                    settings.seed());
        }
        try {
            return runner.run(check);
        } catch (TargetUnreachableException e) {
            synchronized (this) {
                if (unreachable == null) {
                    unreachable = e.getMessage();
                }
            }
            return CheckResult.skipped(check.name(), check.clause(), "target unreachable: " + unreachable,
                    settings.seed());
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
        Map<String, CompletableFuture<CheckResult>> all;
        synchronized (this) {
            all = scheduled;
        }
        if (all == null) {
            return List.of();
        }
        // From the checks' own results (every phase-0 check is done before phase 1 starts), not from the
        // verdicts recorded so far, which the JUnit thread records in its own time.
        return CheckCatalog.all().stream().filter(c -> c.phase() == 0).map(c -> all.get(c.name()))
                .filter(java.util.Objects::nonNull).map(CompletableFuture::join).flatMap(r -> r.refs().stream())
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
