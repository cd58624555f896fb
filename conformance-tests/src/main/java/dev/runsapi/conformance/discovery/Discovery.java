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
 * Learns what the target holds without being able to seed it: first how big its runs are (a probe of
 * the {@value #PROBE} earliest runs), which sets the {@link Budget}; then reads the earliest runs of the
 * app in chunks, each chunk a time window small enough (total under the page size) to come back whole
 * in one page, found by cutting at the createdAt of the last run read and bisecting when that is not
 * enough. Stops once the budget's runs or bytes are read, or the app is read to the end.
 */
public final class Discovery {
    /** The widest window the suite asks for; RFC 3339 allows years 0001 to 9999. */
    public static final TimeBound WIDE_START = TimeBound.parse("0001-01-01T00:00:00Z");
    public static final TimeBound WIDE_END = TimeBound.parse("9999-12-31T23:59:59.999Z");
    /** Runs read to learn their size before anything larger is asked for. */
    static final int PROBE = 10;
    private static final int MAX_BISECTIONS = 40;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final TargetClient client;
    private final String appId;
    private final String apiKey;
    private final int wanted;
    private final TimeBound horizon;
    private final List<Baseline.Anomaly> anomalies = new ArrayList<>();
    /** Texts held once, however many runs share them. */
    private final java.util.Map<String, String> texts = new java.util.HashMap<>();
    private Budget budget;

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
        // A few runs are enough: newest first, the latest is among them (and the read stays small however
        // big the runs are: this comes before discovery has measured them).
        Query q = Query.window(appId, WIDE_START, TimeBound.of(cut)).withLimit(PROBE).withOrder("desc");
        RunsPage page = RunsPage.from(client.send(ApiRequest.of(QueryParams.of(q)).withHeaderKey(apiKey)));
        return page.data().stream().map(Run::createdAt).filter(t -> !t.isAfter(cut)).max(Instant::compareTo)
                .map(t -> t.plusMillis(1).isAfter(cut) ? cut : t.plusMillis(1))
                .map(TimeBound::of).orElse(TimeBound.of(cut));
    }

    /** The read of one chunk: the whole window in one page, ascending; re-reads send exactly this again. */
    public static ApiRequest chunkRequest(String appId, String apiKey, TimeBound start, TimeBound end, int limit) {
        return chunkRequest(appId, apiKey, start, end, "asc", limit);
    }

    private static ApiRequest chunkRequest(String appId, String apiKey, TimeBound start, TimeBound end, String order,
                                           int limit) {
        Query q = Query.window(appId, start, end).withLimit(limit).withOrder(order);
        return ApiRequest.of(QueryParams.of(q)).withHeaderKey(apiKey);
    }

    public Baseline discover() {
        List<Run> runs = new ArrayList<>();
        List<Baseline.Chunk> chunks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        TimeBound from = WIDE_START;
        TimeBound end = null;
        Read probe = read(WIDE_START, horizon, "asc", PROBE);
        long wideTotal = probe.page.total();
        budget = Budget.forRunsOf(probe.largestRun, wanted);
        long bytes = 0;
        while (!budget.full(runs.size(), bytes)) {
            Read first = read(from, horizon, "asc", budget.pageSize());
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
            chunk.page.data().forEach(r -> runs.add(heldOnce(r)));
            bytes += chunk.bytes;
            budget = budget.seen(chunk.largestRun);
            chunks.add(new Baseline.Chunk(chunk.start, chunk.end, chunk.page.data().size()));
            end = chunk.end;
            if (chunk.end.instant().equals(horizon.instant())) {
                break;
            }
            from = TimeBound.of(chunk.end.instant().plusMillis(1));
        }
        if (end == null) {
            return new Baseline(WIDE_START, WIDE_START, List.of(), List.of(), Math.max(0, wideTotal), anomalies,
                    horizon, budget, 0);
        }
        return new Baseline(WIDE_START, end, runs, chunks, wideTotal, anomalies, horizon, budget, bytes);
    }

    /** The run with its texts replaced by an equal instance held already, if any. */
    private Run heldOnce(Run r) {
        return new Run(r.id(), r.type(), r.name(), r.createdAt(), r.endedAt(), r.duration(), r.tags(),
                once(r.input()), once(r.output()), once(r.error()));
    }

    private String once(String text) {
        return text == null ? null : texts.computeIfAbsent(text, t -> t);
    }

    /**
     * The runs of [from, last createdAt read - 1 ms]: with a correct server, exactly the ones read that
     * are earlier than the last; else bisect the window on time until it fits in one page.
     */
    private Read cut(TimeBound from, Read first) {
        int page = budget.pageSize();
        Instant last = first.page.data().stream().map(Run::createdAt).max(Instant::compareTo).orElse(null);
        if (last == null) {
            anomaly("window " + first.describe() + " has total " + first.page.total() + " but answered no run");
            return null;
        }
        Instant hi = last.minusMillis(1);
        Instant lo = from.instant();
        for (int i = 0; i < MAX_BISECTIONS && !hi.isBefore(lo); i++) {
            Read r = read(from, TimeBound.of(hi), "asc", page);
            if (r.complete()) {
                return r.page.data().isEmpty() && i == 0 ? null : r;
            }
            if (r.page.total() < page) {
                // The window fits one page, yet the page disagrees with its total: a smaller window will
                // not fix that. Keep what was answered; the anomaly makes the baseline unusable for exact answers.
                anomaly("window " + r.describe() + ": total " + r.page.total() + " but " + r.page.data().size()
                        + " runs answered on page 0 of limit " + page);
                return r;
            }
            Duration half = Duration.between(lo, hi).dividedBy(2);
            hi = lo.plus(half).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
        anomaly("more than " + page + " runs share the same millisecond after " + from
                + ", so no window there can be read in one page");
        return null;
    }

    private ApiRequest lastRequest;

    private void anomaly(String message) {
        anomalies.add(new Baseline.Anomaly(message, lastRequest));
    }

    private Read read(TimeBound start, TimeBound end, String order, int limit) {
        ApiRequest req = chunkRequest(appId, apiKey, start, end, order, limit);
        lastRequest = req;
        dev.runsapi.conformance.wire.ApiResponse response = client.send(req);
        RunsPage page = RunsPage.from(response);
        long largest = 0;
        long sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode n : response.json().get("data")) {
            long size = size(n);
            largest = Math.max(largest, size);
            sum += size;
        }
        Read r = new Read(start, end, page, limit, largest, sum);
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
                    page.total(), page.page(), page.limit()), limit, largest, sum);
        }
        return r;
    }

    /** A run's size as the target wrote it, near enough: its JSON, compact, in UTF-8. */
    private static long size(com.fasterxml.jackson.databind.JsonNode run) {
        try {
            return JSON.writeValueAsBytes(run).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return run.toString().length();
        }
    }

    /**
     * One page read, with the size of its largest run and of all its runs, in bytes.
     *
     * @param limit the page size asked for
     */
    private record Read(TimeBound start, TimeBound end, RunsPage page, int limit, long largestRun, long bytes) {
        /** All of the window in this one page. A total of exactly the limit is not trusted: it may be a page count. */
        boolean complete() {
            return page.total() < limit && page.total() == page.data().size();
        }

        String describe() {
            return "[" + start + ", " + end + "]";
        }
    }
}
