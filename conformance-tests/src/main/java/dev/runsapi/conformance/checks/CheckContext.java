package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.DataChanges;
import dev.runsapi.conformance.engine.Source;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.TimeBound;
import dev.runsapi.conformance.report.CurlCommand;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.report.FindingRef;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.Param;
import dev.runsapi.conformance.wire.TargetClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a check runs with: the target, the settings, its own random source, the baseline, its findings
 * (each distinct signature once, with how often it was seen), the notes for the report, and what earlier
 * phases found refused (steering).
 */
public final class CheckContext {
    /**
     * Shrink requests one check may spend in all, over every counterexample it finds (each one at most
     * {@link QueryProperty#MAX_SHRINK_REQUESTS}): keeps a server with many broken rules within twice the
     * requests of a green run.
     */
    public static final int SHRINK_BUDGET_PER_CHECK = 60;

    private final Settings settings;
    private final TargetClient client;
    private final Source source;
    private final Supplier<Baseline> baseline;
    private final DataChanges changes;
    private final List<FindingRef> refusedBefore;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final Map<String, Integer> avoided = new LinkedHashMap<>();
    private Set<Instant> runInstants;
    private int shrinkBudget = SHRINK_BUDGET_PER_CHECK;
    private int generated;
    /** Requests this check sent (checks run concurrently, so the client's global counter cannot tell). */
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    public CheckContext(Settings settings, TargetClient client, Source source, Supplier<Baseline> baseline) {
        this(settings, client, source, baseline, new DataChanges(), List.of());
    }

    /**
     * @param changes       what re-reads found out about data that changed under the suite (shared by the checks)
     * @param refusedBefore findings of earlier phases where a valid request was refused: values of their
     *                      classes are not drawn again (they would be refused again and hide the rest)
     */
    public CheckContext(Settings settings, TargetClient client, Source source, Supplier<Baseline> baseline,
                        DataChanges changes, List<FindingRef> refusedBefore) {
        this.changes = changes;
        this.settings = settings;
        this.client = client;
        this.source = source;
        this.baseline = baseline;
        this.refusedBefore = List.copyOf(refusedBefore);
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

    /**
     * Files a finding. One with a signature already filed only adds to its count and examples; so does one
     * of the same rule and kind whose value classes hold or are held by a filed one's (the same deviation
     * seen through a more or a less specific request: the one filed first stays).
     */
    public void fail(Finding f) {
        if (f.cause() != null && f.kind() != null) {
            for (Map.Entry<String, Finding> e : findings.entrySet()) {
                Finding known = e.getValue();
                if (known.rule().equals(f.rule()) && f.kind().equals(known.kind()) && known.cause() != null
                        && Causes.nested(known.cause(), f.cause())) {
                    e.setValue(known.merge(f));
                    return;
                }
            }
        }
        findings.merge(f.signature(), f, Finding::merge);
    }

    public boolean failed() {
        return !findings.isEmpty();
    }

    /** The distinct findings, in the order first seen. */
    public List<Finding> findings() {
        return List.copyOf(findings.values());
    }

    /** A line for the report about how the check ran (never a failure). */
    public void note(String n) {
        notes.add(n);
    }

    public List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        avoided.forEach((label, n) -> out.add(n + " generated value(s) not tried: they are of the classes "
                + label));
        return out;
    }

    /** A finding about {@code request}, with its curl and the value classes of the request as its cause. */
    public Finding finding(String rule, ApiRequest request, String expected, String got) {
        return Finding.of(rule, curl(request), expected, got).withCause(Causes.of(request, Set.of()));
    }

    /** Value classes of a request built by a property, with bounds at a run's createdAt told apart. */
    public List<String> causes(ApiRequest request) {
        if (runInstants == null) {
            try {
                runInstants = new HashSet<>(baseline().instants());
            } catch (RuntimeException e) {
                runInstants = Set.of();
            }
        }
        return Causes.of(request, runInstants);
    }

    /**
     * The earlier phase's finding this request would most likely repeat (a valid request of the same
     * classes was refused), counted as avoided; empty when none.
     */
    public Optional<FindingRef> avoid(ApiRequest request) {
        if (refusedBefore.isEmpty()) {
            return Optional.empty();
        }
        List<String> c = causes(request);
        for (FindingRef ref : refusedBefore) {
            List<String> known = ref.finding().cause();
            if (known != null && !known.isEmpty() && Causes.covers(known, c)) {
                avoided.merge(String.join(", ", known) + " (refused, see " + ref.label() + ")", 1, Integer::sum);
                return Optional.of(ref);
            }
        }
        return Optional.empty();
    }

    /** Shrink requests this check may still spend. */
    public int shrinkBudget() {
        return shrinkBudget;
    }

    public void spendShrink(int requests) {
        shrinkBudget = Math.max(0, shrinkBudget - requests);
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
