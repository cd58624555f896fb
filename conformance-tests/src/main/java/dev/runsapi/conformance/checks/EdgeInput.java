package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * One decided edge input: the request, the exact answer the contract requires (the status, and for a
 * 422 the parameters {@code errors} names, in the contract's order), and the clause that decides it.
 */
public record EdgeInput(String description, ApiRequest request, int status, List<String> named, String clause) {

    public EdgeInput {
        named = List.copyOf(named);
        if ((status == 422) == named.isEmpty()) {
            throw new IllegalArgumentException("a 422 names parameters, and only a 422: " + description);
        }
    }

    /** The expected answer, as a report shows it. */
    public String expected() {
        return status == 422 ? "422 naming " + named : Integer.toString(status);
    }

    /**
     * How the answer differs from the expected one, or null when it is the expected one: the status, for
     * a 422 the parameters of {@code errors} exactly, in order, and for a 403 no {@code WWW-Authenticate}
     * (Errors 2: "This is a 403, not a 401 ... no WWW-Authenticate header is sent").
     */
    public String mismatch(ApiResponse r) {
        if (r.status() != status) {
            return r.status() == 422 ? "422 naming " + namedIn(r.json()) : r.summary();
        }
        if (status == 403 && r.header("www-authenticate").isPresent()) {
            return "403 with WWW-Authenticate: " + r.header("www-authenticate").get();
        }
        if (status == 422) {
            List<String> got = namedIn(r.json());
            if (!got.equals(named)) {
                return "422 naming " + got;
            }
        }
        return null;
    }

    /** The parameters a 422 body names, in order (empty when it has no readable {@code errors}). */
    static List<String> namedIn(JsonNode body) {
        List<String> names = new ArrayList<>();
        if (body != null && body.path("errors").isArray()) {
            for (JsonNode e : body.path("errors")) {
                names.add(e.path("parameter").asText("?"));
            }
        }
        return names;
    }
}
