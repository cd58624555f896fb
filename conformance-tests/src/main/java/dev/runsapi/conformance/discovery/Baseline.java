package dev.runsapi.conformance.discovery;

import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.oracle.TimeBound;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A window [start, end] whose runs the suite has read completely, each chunk of it in a single page
 * (so that the read does not depend on the server's paging or ordering). Every query whose window lies
 * inside it has an exact expected answer: {@link Oracle#answer}.
 *
 * @param anomalies inconsistencies seen while reading it (reported by the {@code pagination} check)
 * @param horizon   the latest instant the suite reads: the end of every window it asks about, also of
 *                  those that reach past the baseline (runs created later may still be arriving)
 * @param budget    what the checks may read in one answer ({@link Budget#pageSize()}), from the runs' size
 * @param bytes     the runs' size together, as read
 */
public record Baseline(TimeBound start, TimeBound end, List<Run> runs, List<Chunk> chunks, long wideTotal,
                       List<Anomaly> anomalies, TimeBound horizon, Budget budget, long bytes) {

    /** A read that disagreed with itself, and the request that showed it. */
    public record Anomaly(String message, dev.runsapi.conformance.wire.ApiRequest request) {
    }

    public Baseline(TimeBound start, TimeBound end, List<Run> runs, List<Chunk> chunks, long wideTotal,
                    List<Anomaly> anomalies) {
        this(start, end, runs, chunks, wideTotal, anomalies, Discovery.WIDE_END, Budget.forRunsOf(0, Integer.MAX_VALUE),
                0);
    }

    public Baseline(TimeBound start, TimeBound end, List<Run> runs, List<Chunk> chunks, long wideTotal,
                    List<Anomaly> anomalies, Budget budget, long bytes) {
        this(start, end, runs, chunks, wideTotal, anomalies, Discovery.WIDE_END, budget, bytes);
    }

    public Baseline {
        runs = List.copyOf(runs);
        chunks = List.copyOf(chunks);
        anomalies = List.copyOf(anomalies);
    }

    /** A sub-window read in one page: total equal to the number of runs read. */
    public record Chunk(TimeBound start, TimeBound end, int count) {
    }

    /** Every read of it agreed with itself, so exact answers can be computed from it. */
    public boolean consistent() {
        return anomalies.isEmpty();
    }

    public List<Run> ascending() {
        return runs.stream().sorted(Oracle.ASCENDING).toList();
    }

    public List<String> names() {
        return distinct(runs.stream().map(Run::name));
    }

    public List<String> tags() {
        return distinct(runs.stream().flatMap(r -> r.tags().stream()));
    }

    public List<String> types() {
        return distinct(runs.stream().map(Run::type));
    }

    public List<Instant> instants() {
        return runs.stream().map(Run::createdAt).distinct().sorted().toList();
    }

    /** Distinct durations of finished runs, as numbers (3.25 and 3.250 are one). */
    public List<BigDecimal> durations() {
        TreeSet<BigDecimal> set = new TreeSet<>();
        runs.stream().map(Run::duration).filter(Objects::nonNull).forEach(set::add);
        return new ArrayList<>(set);
    }

    /** Instants shared by more than one run, where only the id tie-break decides the order. */
    public Map<Instant, List<Run>> ties() {
        Map<Instant, List<Run>> by = runs.stream().collect(Collectors.groupingBy(Run::createdAt, TreeMap::new,
                Collectors.toList()));
        by.values().removeIf(l -> l.size() < 2);
        return by;
    }

    /** Every non-null input, output and error, for building search terms. */
    public List<String> texts() {
        return distinct(runs.stream().flatMap(r -> Stream.of(r.input(), r.output(), r.error()))
                .filter(Objects::nonNull).filter(s -> !s.isEmpty()));
    }

    public boolean hasUnfinished() {
        return runs.stream().anyMatch(r -> !r.finished());
    }

    private static List<String> distinct(Stream<String> s) {
        return s.filter(Objects::nonNull).distinct().sorted().toList();
    }
}
