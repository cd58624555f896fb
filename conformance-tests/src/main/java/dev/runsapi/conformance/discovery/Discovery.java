package dev.runsapi.conformance.discovery;

import dev.runsapi.conformance.checks.QueryParams;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.oracle.TimeBound;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.RunsPage;
import dev.runsapi.conformance.wire.TargetClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Learns what the target holds without being able to seed it: reads the earliest runs of the app in
 * chunks, each chunk a time window small enough (total at most 1000) to come back whole in one page,
 * found by cutting at the createdAt of the last run read and bisecting when that is not enough.
 * Stops once {@code wanted} runs are read, or the app is read to the end.
 */
public final class Discovery {
    /** The widest window the suite asks for; RFC 3339 allows years 0001 to 9999. */
    public static final TimeBound WIDE_START = TimeBound.parse("0001-01-01T00:00:00Z");
    public static final TimeBound WIDE_END = TimeBound.parse("9999-12-31T23:59:59.999Z");
    private static final int PAGE = 1000;
    private static final int MAX_BISECTIONS = 40;

    private final TargetClient client;
    private final String appId;
    private final String apiKey;
    private final int wanted;
    private final TimeBound horizon;
    private final List<Baseline.Anomaly> anomalies = new ArrayList<>();

    public Discovery(TargetClient client, String appId, String apiKey, int wanted) {
        this(client, appId, apiKey, wanted, WIDE_END);
    }

    /**
     * @param horizon the latest instant the baseline may reach: on a live target, runs keep arriving
     *                with createdAt about now (and a little before, as ingestion lags), so a window that
     *                ends well before the suite started cannot be changed by them
     */
    public Discovery(TargetClient client, String appId, String apiKey, int wanted, TimeBound horizon) {
        this.client = client;
        this.appId = appId;
        this.apiKey = apiKey;
        this.wanted = wanted;
        this.horizon = horizon;
    }

    /**
     * The end of every window the suite will read: just after the latest run created at or before
     * {@code cutoff} (the suite's start minus the settle margin), so that on a target whose data does not
     * change it is the same instant in every run (a replay sends the very same queries), and on a live
     * target it lies before the runs that are still arriving. One read, newest first; its largest
     * createdAt is taken (not its first run's), so that a target that orders wrongly gets a smaller
     * horizon rather than a wrong one.
     */
    public static TimeBound horizon(TargetClient client, String appId, String apiKey, Instant cutoff) {
        Instant cut = cutoff.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (cut.isBefore(WIDE_START.instant())) {
            return WIDE_START;
        }
        Query q = Query.window(appId, WIDE_START, TimeBound.of(cut)).withLimit(PAGE).withOrder("desc");
        RunsPage page = RunsPage.from(client.send(ApiRequest.of(QueryParams.of(q)).withHeaderKey(apiKey)));
        return page.data().stream().map(Run::createdAt).filter(t -> !t.isAfter(cut)).max(Instant::compareTo)
                .map(t -> t.plusMillis(1).isAfter(cut) ? cut : t.plusMillis(1))
                .map(TimeBound::of).orElse(TimeBound.of(cut));
    }

    /** The read of one chunk: the whole window in one page, ascending; re-reads send exactly this again. */
    public static ApiRequest chunkRequest(String appId, String apiKey, TimeBound start, TimeBound end) {
        Query q = Query.window(appId, start, end).withLimit(PAGE).withOrder("asc");
        return ApiRequest.of(QueryParams.of(q)).withHeaderKey(apiKey);
    }

    public Baseline discover() {
        List<Run> runs = new ArrayList<>();
        List<Baseline.Chunk> chunks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        TimeBound from = WIDE_START;
        TimeBound end = null;
        long wideTotal = -1;
        while (runs.size() < wanted) {
            Read first = read(from, horizon);
            if (wideTotal < 0) {
                wideTotal = first.page.total();
            }
            Read chunk;
            if (first.complete()) {
                chunk = first;
            } else {
                chunk = cut(from, first);
                if (chunk == null) {
                    break;
                }
            }
            for (Run r : chunk.page.data()) {
                if (!ids.add(r.id())) {
                    anomaly("run " + r.id() + " came back in two disjoint windows (" + chunk.describe() + ")");
                }
            }
            runs.addAll(chunk.page.data());
            chunks.add(new Baseline.Chunk(chunk.start, chunk.end, chunk.page.data().size()));
            end = chunk.end;
            if (chunk.end.instant().equals(horizon.instant())) {
                break;
            }
            from = TimeBound.of(chunk.end.instant().plusMillis(1));
        }
        if (end == null) {
            return new Baseline(WIDE_START, WIDE_START, List.of(), List.of(), Math.max(0, wideTotal), anomalies,
                    horizon);
        }
        return new Baseline(WIDE_START, end, runs, chunks, wideTotal, anomalies, horizon);
    }

    /**
     * The runs of [from, last createdAt read - 1 ms]: with a correct server, exactly the ones read that
     * are earlier than the last; else bisect the window on time until it fits in one page.
     */
    private Read cut(TimeBound from, Read first) {
        Instant last = first.page.data().stream().map(Run::createdAt).max(Instant::compareTo).orElse(null);
        if (last == null) {
            anomaly("window " + first.describe() + " has total " + first.page.total() + " but answered no run");
            return null;
        }
        Instant hi = last.minusMillis(1);
        Instant lo = from.instant();
        for (int i = 0; i < MAX_BISECTIONS && !hi.isBefore(lo); i++) {
            Read r = read(from, TimeBound.of(hi));
            if (r.complete()) {
                return r.page.data().isEmpty() && i == 0 ? null : r;
            }
            if (r.page.total() < PAGE) {
                // The window fits one page, yet the page disagrees with its total: a smaller window will
                // not fix that. Keep what was answered; the anomaly makes the baseline unusable for exact answers.
                anomaly("window " + r.describe() + ": total " + r.page.total() + " but " + r.page.data().size()
                        + " runs answered on page 0 of limit " + PAGE);
                return r;
            }
            Duration half = Duration.between(lo, hi).dividedBy(2);
            hi = lo.plus(half).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
        anomaly("more than " + PAGE + " runs share the same millisecond after " + from
                + ", so no window there can be read in one page");
        return null;
    }

    private ApiRequest lastRequest;

    private void anomaly(String message) {
        anomalies.add(new Baseline.Anomaly(message, lastRequest));
    }

    private Read read(TimeBound start, TimeBound end) {
        ApiRequest req = chunkRequest(appId, apiKey, start, end);
        lastRequest = req;
        RunsPage page = RunsPage.from(client.send(req));
        Read r = new Read(start, end, page);
        if (page.total() < page.data().size()) {
            anomaly("window " + r.describe() + ": total " + page.total() + " is less than the "
                    + page.data().size() + " runs answered");
        }
        List<Run> outside = page.data().stream().filter(x -> x.createdAt().isBefore(start.instant())
                || x.createdAt().isAfter(end.instant())).toList();
        if (!outside.isEmpty()) {
            anomaly("window " + r.describe() + " answered " + outside.size() + " runs created outside it, e.g. "
                    + outside.get(0).id() + " at " + outside.get(0).createdAt());
            return new Read(start, end, new RunsPage(page.data().stream().filter(x -> !outside.contains(x)).toList(),
                    page.total(), page.page(), page.limit()));
        }
        return r;
    }

    private record Read(TimeBound start, TimeBound end, RunsPage page) {
        /** All of the window in this one page. A total of exactly 1000 is not trusted: it may be a page count. */
        boolean complete() {
            return page.total() < PAGE && page.total() == page.data().size();
        }

        String describe() {
            return "[" + start + ", " + end + "]";
        }
    }
}
