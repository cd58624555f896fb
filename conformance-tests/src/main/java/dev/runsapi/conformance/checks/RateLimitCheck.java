package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.report.Finding;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.TargetClient;

import java.time.Duration;

/**
 * Only with --check-rate-limit: a burst (at most {@link #MAX_BURST} requests and {@link #MAX_BURST_TIME})
 * gets a 429 with Retry-After, and waiting that long is enough.
 */
public final class RateLimitCheck implements Check {
    static final int MAX_BURST = 400;
    static final Duration MAX_BURST_TIME = Duration.ofSeconds(10);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public String clause() {
        return "429: \"Wait Retry-After seconds before trying again; a request sent after that is not refused for the "
                + "same burst\"; header RetryAfter: required, whole seconds, at least 1";
    }

    @Override
    public void run(CheckContext ctx) {
        if (!ctx.settings().checkRateLimit()) {
            throw new SkipCheckException("not asked for: give --check-rate-limit to burst traffic on purpose");
        }
        for (ApiRequest seen : ctx.client().missingRetryAfter()) {
            ctx.fail(ctx.finding("a 429 carries Retry-After (seen earlier in this run)", seen,
                    "Retry-After: <seconds>", "no Retry-After header"));
            break;
        }
        ApiRequest req = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        long deadline = System.nanoTime() + MAX_BURST_TIME.toNanos();
        ApiResponse throttled = null;
        for (int i = 0; i < MAX_BURST && System.nanoTime() < deadline; i++) {
            ApiResponse r = ctx.sendOnce(req);
            if (r.status() == 429) {
                throttled = r;
                break;
            }
        }
        if (throttled == null) {
            if (!ctx.failed()) {
                throw new SkipCheckException("no 429 after a burst of " + MAX_BURST + " requests in "
                        + MAX_BURST_TIME.toSeconds() + " s: the target does not seem to rate-limit");
            }
            return;
        }
        var retryAfter = TargetClient.retryAfter(throttled).filter(d -> d.toSeconds() >= 1);
        if (retryAfter.isEmpty()) {
            ctx.fail(ctx.finding("a 429 carries Retry-After: whole seconds, at least 1", req,
                    "Retry-After: <seconds>", "Retry-After: " + throttled.header("retry-after").orElse("(absent)"))
                    .withResponse(throttled.bodyExcerpt(300)));
            return;
        }
        Duration wait = retryAfter.get();
        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
            throw new SkipCheckException("Retry-After " + wait.toSeconds() + " s is longer than this check waits ("
                    + MAX_RETRY_AFTER.toSeconds() + " s)");
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ApiResponse after = ctx.sendOnce(req);
        if (after.status() == 429) {
            ctx.fail(ctx.finding("after waiting Retry-After, a request is not refused for the same burst", req, "not 429 after waiting " + wait.toSeconds() + " s", after.summary()));
        }
    }
}
