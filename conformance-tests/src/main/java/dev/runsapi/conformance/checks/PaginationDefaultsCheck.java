package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.discovery.Baseline;
import dev.runsapi.conformance.discovery.Budget;
import dev.runsapi.conformance.wire.TargetClient;
import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.wire.ApiRequest;

import java.util.List;

/** Without limit, page or order: 100 runs, page 0, newest first, and the defaults echoed. */
public final class PaginationDefaultsCheck implements Check {

    @Override
    public String name() {
        return "pagination-defaults";
    }

    @Override
    public String clause() {
        return "parameter limit: \"default: 100 ... Echoed in the response as limit, also when the default applied\"; "
                + "page: default 0; order: default desc";
    }

    @Override
    public void run(CheckContext ctx) {
        Baseline b = ctx.baselineWithRuns("compute the expected default page");
        QueryGen g = new QueryGen(b, ctx.settings().appId());
        // A default page is 100 runs whatever their size; past what the suite reads of one answer, only the
        // echoes are checked (with limit 5).
        boolean defaultPageFits = 100 * b.budget().bytesPerRun() <= TargetClient.MAX_ANSWER_BYTES * 3 / 4;
        List<Query> queries = defaultPageFits ? List.of(g.whole(), g.whole().withPage(1), g.whole().withLimit(5))
                : List.of(g.whole().withLimit(5));
        for (Query q : queries) {
            Expected exp = Oracle.answer(b.runs(), q);
            ApiRequest req = ctx.request(q);
            Comparisons.asSlice(exp, ctx.sendGenerated(req),
                            "without limit the page holds 100 runs, without page it is page 0, without order newest "
                                    + "first (desc)")
                    .ifPresent(m -> ctx.fail(QueryProperty.finding(ctx, req, m)));
        }
        if (!defaultPageFits) {
            throw new SkipCheckException("runs of up to " + Budget.bytes(b.budget().bytesPerRun()) + " make a default "
                    + "page of 100 larger than the suite reads of one answer, so only the echoes were checked");
        }
        if (b.runs().size() <= 100) {
            throw new SkipCheckException("the baseline holds only " + b.runs().size()
                    + " runs, so the default limit of 100 could not be told from a larger one (echoes checked)");
        }
    }
}
