package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's expectations for the decided edge inputs, without a server. */
class EdgeInputsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ApiRequest VALID = ApiRequest.of(List.of(Param.of("app_id", "app"),
            Param.of("start_time", "2000-01-01T00:00:00Z"), Param.of("end_time", "2000-01-01T00:00:01Z")))
            .withHeaderKey("key");
    static final List<EdgeInput> TABLE = EdgeInputs.all(VALID, "key");

    static ApiResponse answer(int status, String body) throws Exception {
        return new ApiResponse(status, Map.of(), body, body == null ? null : JSON.readTree(body));
    }

    static ApiResponse naming(String... names) throws Exception {
        StringBuilder sb = new StringBuilder("{\"status\":422,\"errors\":[");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"parameter\":\"").append(names[i]).append("\",\"message\":\"m\"}");
        }
        return answer(422, sb.append("]}").toString());
    }

    static EdgeInput row(String query) {
        return TABLE.stream().filter(r -> r.request().queryString().contains(query)).findFirst()
                .orElseThrow(() -> new AssertionError("no row sends " + query));
    }

    /** The three inputs on which the reference mock and an independent implementation disagreed (table D). */
    @ParameterizedTest(name = "{0} is a 422 naming {1}")
    @CsvSource({
        "min_duration=-0, min_duration",
        "start_time=2024-04-10T23:59:60Z, start_time",
        "search=%C3, search",
    })
    void tableD_isA422NamingTheParameter_andTheMocksOld200Fails(String query, String parameter) throws Exception {
        EdgeInput row = row(query);
        assertEquals(422, row.status());
        assertEquals(List.of(parameter), row.named());
        assertNull(row.mismatch(naming(parameter)));
        assertEquals("200", row.mismatch(answer(200, "{\"data\":[],\"total\":0,\"page\":0,\"limit\":100}"))
                .split(" ")[0], "the mock's answer before issue 11");
        assertEquals("422 naming [limit]", row.mismatch(naming("limit")));
        assertEquals("422 naming []", row.mismatch(answer(422, "{\"status\":422}")));
    }

    @Test
    void tableD_rowsAreSentExactlyAsWritten() {
        assertTrue(row("search=%C3").request().queryString().endsWith("&search=%C3"));
        assertTrue(row("min_duration=-0").request().queryString().contains("min_duration=-0&")
                || row("min_duration=-0").request().queryString().endsWith("min_duration=-0"));
    }

    @Test
    void mismatch_ofA422_comparesTheNamedParametersInOrder() throws Exception {
        EdgeInput reversed = row("min_duration=1.00000000000000000001");
        assertNull(reversed.mismatch(naming("min_duration", "max_duration")));
        assertEquals("422 naming [max_duration, min_duration]",
                reversed.mismatch(naming("max_duration", "min_duration")));
        assertEquals("422 naming [min_duration]", reversed.mismatch(naming("min_duration")));
    }

    @Test
    void mismatch_ofA200Or403_comparesTheStatusOnly() throws Exception {
        EdgeInput leap = row("start_time=2016-12-31T23:59:60Z&end_time=2017-01-01T00:00:00Z");
        assertNull(leap.mismatch(answer(200, "{}")));
        assertNotNull(leap.mismatch(naming("start_time")));
        EdgeInput twoKeys = TABLE.stream().filter(r -> r.description().startsWith("api_key repeated with different"))
                .findFirst().orElseThrow();
        assertEquals(403, twoKeys.status());
        assertNotNull(twoKeys.mismatch(answer(200, "{}")));
        assertNull(twoKeys.mismatch(answer(403, "{}")));
        assertEquals("403 with WWW-Authenticate: ApiKey", twoKeys.mismatch(new ApiResponse(403,
                Map.of("www-authenticate", List.of("ApiKey")), "{}", JSON.readTree("{}"))));
    }

    @Test
    void everyRow_hasAClauseAndADistinctDescription() {
        Set<String> seen = new HashSet<>();
        for (EdgeInput r : TABLE) {
            assertFalse(r.clause().isBlank(), r.description());
            assertTrue(seen.add(r.description()), "twice: " + r.description());
            assertTrue(r.status() == 200 || r.status() == 403 || r.status() == 422, r.description());
        }
    }

    @Test
    void everyRow_isAValidRequestTarget() {
        for (EdgeInput r : TABLE) {
            java.net.URI.create("http://127.0.0.1" + r.request().pathAndQuery());
        }
    }

    @Test
    void aRowNamingParameters_mustBeA422() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EdgeInput("x", VALID, 200, List.of("limit"), "c"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EdgeInput("x", VALID, 422, List.of(), "c"));
    }

    @Test
    void replaced_putsTheOtherAppIdWhereTheMissingOneWasEchoed_only() throws Exception {
        var missing = JSON.readTree("{\"type\":\"about:blank\",\"detail\":\"may not read app \\\"nope-1\\\"\","
                + "\"status\":403}");
        var foreign = JSON.readTree("{\"type\":\"about:blank\",\"detail\":\"may not read app \\\"app-gl\\u00e9bex\\\"\","
                + "\"status\":403}");
        assertEquals(foreign, EdgeInputsCheck.replaced(missing, "nope-1", "app-gl\u00e9bex"));
        var toldApart = JSON.readTree("{\"type\":\"about:blank\",\"detail\":\"app \\\"nope-1\\\" does not exist\","
                + "\"status\":403}");
        assertFalse(foreign.equals(EdgeInputsCheck.replaced(toldApart, "nope-1", "app-gl\u00e9bex")));
    }
}
