package dev.runsapi.conformance.discovery;

import dev.runsapi.conformance.oracle.Run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the suite found out about a target whose data changes while it runs, one instance per run,
 * shared by the checks (thread-safe). The contract allows exactly two kinds of change: a run appears
 * (in any window, with any createdAt) and an unfinished run ends ({@code endedAt} and {@code duration}
 * appear, and its {@code output} or {@code error}). Every other change (a run that disappears, a field that changes, a run that ended and then
 * did not, or ended at another time) is a violation. Both kinds of allowed change only ever add runs to
 * the result of a query, which is what lets a re-read before and after an answer pin down the state
 * the answer must reflect.
 */
public final class DataChanges {
    /** The latest version of each run seen by a re-read (a run that ended since the baseline, or a new one). */
    private final Map<String, Run> lastSeen = new ConcurrentHashMap<>();
    /** When the read that recorded each version of {@link #lastSeen} came back (nanoTime). */
    private final Map<String, Long> lastSeenAt = new ConcurrentHashMap<>();
    private final Set<String> inserted = ConcurrentHashMap.newKeySet();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    /** Runs already reported as changed against the rules, so that each is reported once per run. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rereads = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicInteger explained = new AtomicInteger();
    private final AtomicInteger inconclusive = new AtomicInteger();
    private final AtomicLong lateMillis = new AtomicLong();
    private final Instant started = Instant.now();

    /** A fresh read of a window held against what was seen of it before. */
    public record Comparison(boolean changedSinceBaseline, List<Violation> violations) {
    }

    /** A change the contract forbids, of one run. */
    public record Violation(String runId, String expected, String got) {
    }

    /**
     * Holds a fresh, complete read of the window {@code [start, end]} against the baseline's runs of it and
     * the versions seen by earlier re-reads; records the runs that appeared and ended.
     */
    public Comparison compare(List<Run> baseline, List<Run> fresh, Instant start, Instant end) {
        return compare(baseline, fresh, start, end, System.nanoTime());
    }

    /**
     * As above, for a fresh read sent at {@code sentAtNanos} (nanoTime). Checks re-read concurrently, so a
     * version recorded by another check's re-read may be newer than this read: such a version is not held
     * against it (a read sent before a run ended rightly shows it unfinished), the baseline's is.
     */
    public Comparison compare(List<Run> baseline, List<Run> fresh, Instant start, Instant end, long sentAtNanos) {
        Map<String, Run> freshById = new HashMap<>();
        fresh.forEach(r -> freshById.put(r.id(), r));
        Map<String, Run> before = new HashMap<>();
        baseline.forEach(r -> before.put(r.id(), r));
        boolean differs = baseline.size() != fresh.size();
        List<Violation> violations = new ArrayList<>();
        Set<String> known = new HashSet<>(before.keySet());
        lastSeen.values().stream().filter(r -> !r.createdAt().isBefore(start) && !r.createdAt().isAfter(end))
                .forEach(r -> known.add(r.id()));
        for (String id : known) {
            boolean overtaken = lastSeenAt.getOrDefault(id, Long.MIN_VALUE) - sentAtNanos > 0
                    && lastSeenAt.containsKey(id);
            if (overtaken && !before.containsKey(id)) {
                continue; // seen first by a later read than this one: this one may predate it
            }
            Run was = overtaken ? before.get(id) : lastSeen.getOrDefault(id, before.get(id));
            Run now = freshById.get(id);
            if (now == null) {
                violations.add(new Violation(id, "run " + id + " (created " + was.createdAt() + "), read before",
                        "absent: the run disappeared"));
                continue;
            }
            if (!Objects.equals(before.get(id), now)) {
                differs = true;
            }
            if (now.equals(was)) {
                continue;
            }
            if (!was.finished() && now.finished() && sameApartFromEnding(was, now)) {
                ended.add(id);
                if (!overtaken) {
                    lastSeen.put(id, now);
                    lastSeenAt.put(id, System.nanoTime());
                }
            } else {
                violations.add(new Violation(id, "run " + id + " as read before: " + describe(was, now, true),
                        describe(was, now, false)));
            }
        }
        for (Run r : fresh) {
            if (!known.contains(r.id())) {
                differs = true;
                if (inserted.add(r.id())) {
                    lastSeen.put(r.id(), r);
                    lastSeenAt.put(r.id(), System.nanoTime());
                    long late = Duration.between(r.createdAt(), started).toMillis();
                    lateMillis.accumulateAndGet(late, Math::max);
                }
            }
        }
        return new Comparison(differs, violations);
    }

    private static boolean sameApartFromEnding(Run a, Run b) {
        return a.id().equals(b.id()) && a.type().equals(b.type()) && Objects.equals(a.name(), b.name())
                && a.createdAt().equals(b.createdAt()) && a.tags().equals(b.tags())
                && Objects.equals(a.input(), b.input())
                // an unfinished run has neither output nor error (Run.output, Run.error); ending brings them
                && (a.output() == null || Objects.equals(a.output(), b.output()))
                && (a.error() == null || Objects.equals(a.error(), b.error()));
    }

    /** The fields that differ, as they were ({@code before}) or are now. */
    private static String describe(Run was, Run now, boolean before) {
        List<String> parts = new ArrayList<>();
        field(parts, "type", was.type(), now.type(), before);
        field(parts, "name", was.name(), now.name(), before);
        field(parts, "createdAt", was.createdAt(), now.createdAt(), before);
        field(parts, "endedAt", was.endedAt(), now.endedAt(), before);
        field(parts, "duration", was.duration(), now.duration(), before);
        field(parts, "tags", was.tags(), now.tags(), before);
        field(parts, "input", was.input(), now.input(), before);
        field(parts, "output", was.output(), now.output(), before);
        field(parts, "error", was.error(), now.error(), before);
        return String.join(", ", parts);
    }

    private static void field(List<String> parts, String name, Object was, Object now, boolean before) {
        if (!Objects.equals(was, now)) {
            parts.add(name + " " + (before ? was : now));
        }
    }

    /** Whether the change of this run is to be reported now (the first time it is seen in this run). */
    public boolean firstReport(String runId) {
        return reported.add(runId);
    }

    public void reread() {
        rereads.incrementAndGet();
    }

    public void changed() {
        changed.incrementAndGet();
    }

    /** A mismatch that the fresh read explained: the answer was right for the data as it was then. */
    public void explained() {
        explained.incrementAndGet();
    }

    /** A mismatch left undecided because the data kept changing across every re-read. */
    public void inconclusive() {
        inconclusive.incrementAndGet();
    }

    public int changedCount() {
        return changed.get();
    }

    public int explainedCount() {
        return explained.get();
    }

    /**
     * One line for the report when the target's data changed under the suite; null when no re-read found
     * a change (the usual case, and then the report says nothing).
     */
    public String summary() {
        if (changed.get() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "the target's data changed under the suite: %d of %d re-reads after a mismatch found new or ended "
                        + "runs (%d runs appeared in windows already read, %d ended); %d mismatches were explained by "
                        + "the change and not reported", changed.get(), rereads.get(), inserted.size(), ended.size(),
                explained.get()));
        if (inconclusive.get() > 0) {
            sb.append(", ").append(inconclusive.get()).append(" stayed undecided (the data kept changing)");
        }
        if (!inserted.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "; runs arrived up to %d s after their createdAt "
                    + "(a --settle above that keeps them out of the windows read)", (lateMillis.get() + 999) / 1000));
        }
        return sb.toString();
    }
}
