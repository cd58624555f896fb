package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;

import java.util.ArrayList;
import java.util.List;

/** When several errors apply: 403 for the credential, then 422, then 403 for the app. */
public final class ErrorsPrecedenceCheck implements Check {

    @Override
    public int phase() {
        return 0;
    }

    @Override
    public String name() {
        return "errors-precedence";
    }

    @Override
    public String clause() {
        return "\"Errors and which one wins\": 1. 429, 2. 403 credential missing/unknown/ambiguous, 3. 422, "
                + "4. 403 app not readable";
    }

    @Override
    public void run(CheckContext ctx) {
        String key = ctx.settings().apiKey();
        ApiRequest valid = ctx.validRequest(ErrorWindow.START, ErrorWindow.END);
        ApiRequest anon = valid.withHeaderKey(null);
        List<StatusCase> cases = new ArrayList<>();
        cases.add(new StatusCase("no credential beats an invalid limit", anon.setParam("limit", "0"), 403));
        cases.add(new StatusCase("no credential beats a missing end_time", anon.without("end_time"), 403));
        cases.add(new StatusCase("an unknown key beats a reversed window",
                InvalidCases.reversed(anon).withHeaderKey(ErrorsAuthCheck.UNKNOWN_KEY), 403));
        cases.add(new StatusCase("ambiguous keys beat an unknown order",
                anon.withQueryKey(key).withHeaderKey(ErrorsAuthCheck.UNKNOWN_KEY).setParam("order", "up"), 403));
        cases.add(new StatusCase("an invalid limit beats an app that does not exist",
                valid.setParam("app_id", "conformance-no-such-app").setParam("limit", "0"), 422));
        if (ctx.settings().hasOtherTenant()) {
            cases.add(new StatusCase("an invalid page beats another tenant's app",
                    valid.setParam("app_id", ctx.settings().otherAppId()).setParam("page", "-1"), 422));
        }
        StatusCase.expectAll(ctx, cases);
    }
}
