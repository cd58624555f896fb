package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.DataChanges;
import dev.runsapi.conformance.engine.Source;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.TimeBound;
import dev.runsapi.conformance.report.CurlCommand;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.Param;
import dev.runsapi.conformance.wire.TargetClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What a check runs with: the target, the settings, its own random source, the baseline, its findings. */
public final class CheckContext {
    /** Findings kept in full per check; more are only counted. */
    public static final int MAX_FINDINGS = 5;

    private final Settings settings;
    private final TargetClient client;
    private final Source source;
    private final Supplier<Baseline> baseline;
    private final DataChanges changes;
    private final List<Finding> findings = new ArrayList<>();
    private int moreFindings;
    private int generated;
    /** Requests this check sent (checks run concurrently, so the client's global counter cannot tell). */
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    public CheckContext(Settings settings, TargetClient client, Source source, Supplier<Baseline> baseline) {
        this(settings, client, source, baseline, new DataChanges());
    }

    public CheckContext(Settings settings, TargetClient client, Source source, Supplier<Baseline> baseline,
                        DataChanges changes) {
        this.changes = changes;
        this.settings = settings;
        this.client = client;
        this.source = source;
        this.baseline = baseline;
    }

    public Settings settings() {
        return settings;
    }

    public TargetClient client() {
        return client;
    }

    /** What re-reads found out about the target's data changing under the suite; shared by the checks. */
    public DataChanges changes() {
        return changes;
    }

    public Source source() {
        return source;
    }

    /** The complete read of a window, made once per run and shared by the checks. */
    public Baseline baseline() {
        return baseline.get();
    }

    /**
     * The end of the widest window to read: the baseline's horizon (before runs still arriving on a live
     * target), or the widest end there is when no baseline could be read.
     */
    public TimeBound horizon() {
        try {
            return baseline().horizon();
        } catch (dev.runsapi.conformance.wire.TargetUnreachableException e) {
            throw e;
        } catch (RuntimeException e) {
            return dev.runsapi.conformance.discovery.Discovery.WIDE_END;
        }
    }

    /** The baseline, or a skip when the target holds no runs to compute answers from. */
    public Baseline baselineWithRuns(String forWhat) {
        Baseline b = baseline();
        if (b.runs().isEmpty()) {
            throw new SkipCheckException("the target holds no runs of app " + settings.appId() + " to " + forWhat);
        }
        if (!b.consistent()) {
            throw new SkipCheckException("the target's reads of one window disagree with themselves (see pagination),"
                    + " so no exact answer can be computed");
        }
        return b;
    }

    /**
     * {@code wanted} runs in one answer, or fewer when the target's runs are too big for that (the
     * baseline's {@link dev.runsapi.conformance.discovery.Budget}); {@code wanted} when there is no baseline.
     */
    public int limit(int wanted) {
        try {
            return baseline().budget().limit(wanted);
        } catch (dev.runsapi.conformance.wire.TargetUnreachableException e) {
            throw e;
        } catch (RuntimeException e) {
            return wanted;
        }
    }

    public int tries() {
        return settings.tries();
    }

    public void fail(Finding f) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(f);
        } else {
            moreFindings++;
        }
    }

    public boolean failed() {
        return !findings.isEmpty();
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public int moreFindings() {
        return moreFindings;
    }

    public int generated() {
        return generated;
    }

    /** Sends a request made by the property engine (counted as a generated query). */
    public ApiResponse sendGenerated(ApiRequest r) {
        generated++;
        return send(r);
    }

    public ApiResponse send(ApiRequest r) {
        requests.incrementAndGet();
        return client.send(r);
    }

    /** Sends once, a 429 answered as is and no pacing (bursts on purpose). */
    public ApiResponse sendOnce(ApiRequest r) {
        requests.incrementAndGet();
        return client.sendOnce(r);
    }

    /** Requests this check has sent so far. */
    public int requests() {
        return requests.get();
    }

    public String curl(ApiRequest r) {
        return CurlCommand.render(client.baseUrl(), r, dev.runsapi.conformance.report.Secrets.of(settings));
    }

    /** The request of a well-formed query, with our key in the X-API-Key header. */
    public ApiRequest request(Query q) {
        return ApiRequest.of(QueryParams.of(q)).withHeaderKey(settings.apiKey());
    }

    /** A valid request over the given window with no filter (the base that error checks spoil). */
    public ApiRequest validRequest(TimeBound start, TimeBound end) {
        return ApiRequest.of(List.of(Param.of("app_id", settings.appId()), Param.of("start_time", start.wire()),
                Param.of("end_time", end.wire()))).withHeaderKey(settings.apiKey());
    }

    public Query query(TimeBound start, TimeBound end) {
        return Query.window(settings.appId(), start, end);
    }
}
