package dev.runsapi.conformance.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.Param;
import dev.runsapi.conformance.wire.RateLimitExhaustedException;
import dev.runsapi.conformance.wire.TargetClient;
import dev.runsapi.conformance.wire.TargetUnreachableException;

import java.util.List;
import java.util.Optional;

/**
 * One valid request before anything else, to tell "this server breaks the contract" (exit 1) from
 * "this is not the Runs API at all, or nothing answers" (exit 2).
 */
public final class Preflight {

    private Preflight() {
    }

    /** Empty when the target speaks the API; else the one line to print. */
    public static Optional<String> check(TargetClient client, Settings s) {
        ApiRequest req = ApiRequest.of(List.of(Param.of("app_id", s.appId()),
                Param.of("start_time", "2000-01-01T00:00:00Z"), Param.of("end_time", "2000-01-01T00:00:01Z"),
                Param.of("limit", "1"))).withHeaderKey(s.apiKey());
        ApiResponse r;
        try {
            r = client.send(req);
        } catch (TargetUnreachableException e) {
            return Optional.of(e.getMessage());
        } catch (RateLimitExhaustedException e) {
            return Optional.of(s.target() + " answers nothing but 429 Too Many Requests");
        }
        String where = "GET " + s.target() + ApiRequest.PATH;
        JsonNode j = r.json();
        boolean json = j != null && j.isObject();
        if (r.status() == 200 && json && j.path("data").isArray() && j.has("total")) {
            return Optional.empty();
        }
        if (r.status() == 403 && json && j.has("status")) {
            return Optional.of(where + " refused the given --api-key/--app-id (403: " + j.path("detail").asText("")
                    + "); check the credentials");
        }
        if (r.status() >= 400 && json && j.has("status") && r.status() != 404) {
            // A problem+json error to a valid request: it speaks the API, and the checks will say what is wrong.
            return Optional.empty();
        }
        return Optional.of(s.target() + " does not speak the Runs API: " + where + " answered " + r.summary()
                + (json ? " without a RunsPage" : " that is not JSON"));
    }
}
