package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.DataChanges;
import dev.runsapi.conformance.discovery.Discovery;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.RunsPage;
import dev.runsapi.conformance.wire.ApiResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tells "the data changed" from "the answer is wrong" on a target whose data changes while the suite
 * runs (contract, "Data that changes": runs appear, unfinished runs end, nothing else changes). On a
 * mismatch against the baseline it re-reads the part of the baseline the expectation rests on (the
 * chunks that overlap the query's window, with the very requests discovery sent) and:
 * <ul>
 *   <li>the window is as the baseline read it: the data did not change before the answer either (allowed
 *       changes only add, so a state equal before and after was the state in between): the mismatch stands;</li>
 *   <li>it changed as the contract allows: if the query matches the same runs in both, the mismatch
 *       stands; else the answer is held against the fresh read; if it does not fit, the query is sent
 *       again between two re-reads, and when those agree on the query's matches the new answer is judged
 *       against them (a real deviation fails again; a change explains it away);</li>
 *   <li>it changed as the contract forbids (a run disappeared, a field changed): that is a finding of its
 *       own, with the re-read as evidence, and the mismatch stands.</li>
 * </ul>
 * On a target whose data does not change this costs one re-read per mismatch and changes no verdict.
 */
public final class LiveReread {
    /** Rounds of "send again between two re-reads" before a mismatch is left undecided. */
    private static final int MAX_ROUNDS = 3;
    private static final String RULE = "Data that changes: runs may appear and unfinished runs may end; "
            + "no run disappears or changes otherwise";

    private LiveReread() {
    }

    /** The mismatch if it stands against the data as it is now; empty when the data's change explains it. */
    public static Optional<Mismatch> confirm(CheckContext ctx, Baseline b, Query q, ApiResponse answer,
                                             Mismatch mismatch, QueryProperty.Judge judge) {
        return confirm(ctx, b, q, mismatch,
                runs -> judge.judge(q, Oracle.answer(runs, q), answer),
                runs -> judge.judge(q, Oracle.answer(runs, q), ctx.send(ctx.request(q))));
    }

    /**
     * The same for an evaluation of any kind (several requests, say, as paging through a query is).
     *
     * @param first       what the evaluation against the baseline found
     * @param sameAnswer  the answers already received judged against other runs (null: they cannot be)
     * @param again       the evaluation done again, its answers judged against the given runs
     */
    public static <E> Optional<E> confirm(CheckContext ctx, Baseline b, Query q, E first,
                                          Function<List<Run>, Optional<E>> sameAnswer,
                                          Function<List<Run>, Optional<E>> again) {
        List<Baseline.Chunk> chunks = b.chunks().stream()
                .filter(c -> !c.end().instant().isBefore(q.start().instant())
                        && !c.start().instant().isAfter(q.end().instant()))
                .toList();
        if (chunks.isEmpty()) {
            return Optional.of(first);
        }
        DataChanges changes = ctx.changes();
        changes.reread();
        Fresh fresh = read(ctx, b, chunks);
        if (fresh == null || !fresh.changed()) {
            return Optional.of(first);
        }
        changes.changed();
        if (sameMatches(q, b.runs(), fresh.runs())) {
            return Optional.of(first); // the change does not concern this query: the answer had to be the baseline's
        }
        if (sameAnswer != null && sameAnswer.apply(fresh.runs()).isEmpty()) {
            changes.explained();
            return Optional.empty();
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<E> judged = again.apply(fresh.runs());
            Fresh after = read(ctx, b, chunks);
            if (after == null) {
                return Optional.of(first);
            }
            if (after.runs().equals(fresh.runs()) || sameMatches(q, fresh.runs(), after.runs())) {
                if (judged.isEmpty()) {
                    changes.explained();
                }
                return judged;
            }
            fresh = after;
        }
        changes.inconclusive();
        return Optional.empty();
    }

    /**
     * Whether the query matches the same runs in both states. Allowed changes only ever add runs to a
     * result (a run appears; an ended run starts matching duration bounds), so a state read between two
     * states with the same matches has them too, whatever else changed: the answers sent in between must
     * be these.
     */
    private static boolean sameMatches(Query q, List<Run> a, List<Run> b) {
        return ids(a, q).equals(ids(b, q));
    }

    private static List<String> ids(List<Run> runs, Query q) {
        return Oracle.answer(runs, q.withPage(0)).allMatching().stream().map(Run::id).toList();
    }

    /** The runs of the re-read chunks, and whether they differ from the baseline's; null when unreadable. */
    private record Fresh(List<Run> runs, boolean changed) {
    }

    /**
     * Re-reads the chunks; a change the contract forbids is reported as a finding (once per run) and makes
     * the read unusable (null), as does a chunk that no longer fits one page.
     */
    private static Fresh read(CheckContext ctx, Baseline b, List<Baseline.Chunk> chunks) {
        List<Run> all = new ArrayList<>();
        boolean changed = false;
        for (Baseline.Chunk c : chunks) {
            // The chunk was read whole in one page of the budget's size at the time (pages only shrink).
            int limit = Math.min(dev.runsapi.conformance.discovery.Budget.MAX_PAGE,
                    Math.max(c.count(), b.budget().pageSize()));
            ApiRequest req = Discovery.chunkRequest(ctx.settings().appId(), ctx.settings().apiKey(), c.start(), c.end(),
                    limit);
            long sentAt = System.nanoTime();
            Comparisons.RunsPageOrMismatch r = Comparisons.read(ctx.send(req));
            if (r.mismatch() != null) {
                return null;
            }
            RunsPage page = r.page();
            Instant s = c.start().instant();
            Instant e = c.end().instant();
            List<Run> inside = page.data().stream()
                    .filter(x -> !x.createdAt().isBefore(s) && !x.createdAt().isAfter(e)).toList();
            if (page.total() != page.data().size()) {
                return null;
            }
            List<Run> before = b.runs().stream()
                    .filter(x -> !x.createdAt().isBefore(s) && !x.createdAt().isAfter(e)).toList();
            DataChanges.Comparison cmp = ctx.changes().compare(before, inside, s, e, sentAt);
            boolean forbidden = false;
            for (DataChanges.Violation v : cmp.violations()) {
                forbidden = true;
                if (ctx.changes().firstReport(v.runId())) {
                    ctx.fail(Finding.of(RULE, ctx.curl(req), v.expected(), v.got()));
                }
            }
            if (forbidden) {
                return null;
            }
            changed |= cmp.changedSinceBaseline();
            all.addAll(inside);
        }
        return new Fresh(all.stream().sorted(Oracle.ASCENDING).toList(), changed);
    }
}
