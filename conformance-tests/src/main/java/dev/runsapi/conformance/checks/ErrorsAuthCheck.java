package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;

import java.util.ArrayList;
import java.util.List;

/** 403 for a missing, unknown or ambiguous credential, in the query and in the header; 200 for a good one. */
public final class ErrorsAuthCheck implements Check {
    static final String UNKNOWN_KEY = "conformance-unknown-key-0000";

    @Override
    public int phase() {
        return 0;
    }

    @Override
    public String name() {
        return "errors-auth";
    }

    @Override
    public String clause() {
        return "\"403 no credential, an unknown or revoked credential, or two different credentials (query api_key "
                + "and header X-API-Key both sent with different values)\"; securitySchemes ApiKeyQuery, ApiKeyHeader; "
                + "\"An app that does not exist ... 403\"";
    }

    @Override
    public void run(CheckContext ctx) {
        String key = ctx.settings().apiKey();
        ApiRequest anon = ctx.validRequest(ErrorWindow.START, ErrorWindow.END).withHeaderKey(null);
        List<StatusCase> cases = new ArrayList<>();
        cases.add(new StatusCase("no credential is answered 403", anon, 403));
        cases.add(new StatusCase("an unknown key in the query", anon.withQueryKey(UNKNOWN_KEY), 403));
        cases.add(new StatusCase("an unknown key in the header", anon.withHeaderKey(UNKNOWN_KEY), 403));
        cases.add(new StatusCase("an empty key in the query", anon.withQueryKey(""), 403));
        cases.add(new StatusCase("the key in the query", anon.withQueryKey(key), 200));
        cases.add(new StatusCase("the key in the header", anon.withHeaderKey(key), 200));
        cases.add(new StatusCase("the same key in the query and the header", anon.withQueryKey(key).withHeaderKey(key), 200));
        cases.add(new StatusCase("a good key in the query and an unknown one in the header",
                anon.withQueryKey(key).withHeaderKey(UNKNOWN_KEY), 403));
        cases.add(new StatusCase("an unknown key in the query and a good one in the header",
                anon.withQueryKey(UNKNOWN_KEY).withHeaderKey(key), 403));
        cases.add(new StatusCase("the key with its case changed", anon.withHeaderKey(QueryGen.flipCase(key)),
                QueryGen.flipCase(key).equals(key) ? 200 : 403));
        if (ctx.settings().hasOtherTenant()) {
            cases.add(new StatusCase("two valid keys of different tenants (query and header)",
                    anon.withQueryKey(key).withHeaderKey(ctx.settings().otherApiKey()), 403));
        }
        cases.add(new StatusCase("an app that does not exist",
                anon.withHeaderKey(key).setParam("app_id", "conformance-no-such-app-" + ctx.source().seed()), 403));
        StatusCase.expectAll(ctx, cases);
    }
}
