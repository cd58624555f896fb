package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;
import java.util.List;

/** A key reads the apps of its tenant only: another tenant's app is a 403, in both directions. */
public final class TenantIsolationCheck implements Check {

    @Override
    public String name() {
        return "tenant-isolation";
    }

    @Override
    public String clause() {
        return "ApiKeyQuery: \"A key reads the apps of its tenant only\"; \"403 the credential is valid but may not read "
                + "the app app_id: the app belongs to another tenant or does not exist\"";
    }

    @Override
    public void run(CheckContext ctx) {
        Settings s = ctx.settings();
        if (!s.hasOtherTenant()) {
            throw new SkipCheckException("needs a second tenant: give --other-api-key and --other-app-id");
        }
        ApiRequest ours = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        ApiRequest theirs = ours.withHeaderKey(s.otherApiKey()).setParam("app_id", s.otherAppId());
        StatusCase.expectAll(ctx, List.of(new StatusCase("the second tenant reads its own app (sanity of --other-*)",
                theirs, 200)));
        if (ctx.failed()) {
            return;
        }
        StatusCase.expectAll(ctx, List.of(
                new StatusCase("our key may not read the other tenant's app", ours.setParam("app_id", s.otherAppId()), 403),
                new StatusCase("the other tenant's key may not read our app", theirs.setParam("app_id", s.appId()), 403),
                new StatusCase("our key may not read the other tenant's app, key in the query",
                        ours.withHeaderKey(null).withQueryKey(s.apiKey()).setParam("app_id", s.otherAppId()), 403)));
    }
}
