package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.DataChanges;
import dev.runsapi.conformance.engine.Source;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.report.FindingRef;
import dev.runsapi.conformance.report.Verdict;
import dev.runsapi.conformance.wire.MalformedAnswerException;
import dev.runsapi.conformance.wire.RateLimitExhaustedException;
import dev.runsapi.conformance.wire.TargetClient;
import dev.runsapi.conformance.wire.TargetUnreachableException;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs one check and turns whatever happened into a {@link CheckResult}; never lets an exception escape,
 * except {@link TargetUnreachableException}, which ends the whole run. */
public final class CheckRunner {
    private final Settings settings;
    private final TargetClient client;
    private final Supplier<Baseline> baseline;
    private final Source root;
    private final DataChanges changes;
    private final Function<Check, List<FindingRef>> steering;

    public CheckRunner(Settings settings, TargetClient client, Supplier<Baseline> baseline) {
        this(settings, client, baseline, new DataChanges(), c -> List.of());
    }

    /**
     * @param changes  what re-reads found out about data that changed under the suite
     * @param steering for a check, the earlier findings that steer it (see {@link CheckContext})
     */
    public CheckRunner(Settings settings, TargetClient client, Supplier<Baseline> baseline, DataChanges changes,
                       Function<Check, List<FindingRef>> steering) {
        this.changes = changes;
        this.settings = settings;
        this.client = client;
        this.baseline = baseline;
        this.root = new Source(settings.seed());
        this.steering = steering;
    }

    public CheckResult run(Check check) {
        CheckContext ctx = new CheckContext(settings, client, root.fork(check.name()), baseline, changes,
                steering.apply(check));
        long t0 = System.nanoTime();
        Verdict verdict;
        String reason = null;
        try {
            check.run(ctx);
            verdict = ctx.failed() ? Verdict.FAILED : Verdict.PASSED;
        } catch (SkipCheckException | RateLimitExhaustedException e) {
            verdict = ctx.failed() ? Verdict.FAILED : Verdict.SKIPPED;
            reason = e.getMessage();
        } catch (MalformedAnswerException e) {
            ctx.fail(Finding.of("a valid query is answered 200 with a RunsPage", null, "a RunsPage", e.getMessage()));
            verdict = Verdict.FAILED;
        } catch (TargetUnreachableException e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.fail(Finding.of("the check completes", null, "no error", "the check could not complete: " + e));
            verdict = Verdict.FAILED;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new CheckResult(check.name(), check.clause(), verdict, reason, ctx.findings(), ctx.notes(),
                ctx.requests(), ctx.generated(), millis, settings.seed());
    }
}
