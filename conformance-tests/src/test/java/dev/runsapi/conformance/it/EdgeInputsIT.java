package dev.runsapi.conformance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runsapi.conformance.checks.EdgeInput;
import dev.runsapi.conformance.checks.EdgeInputs;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import dev.runsapi.conformance.wire.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock and the suite agree on every decided edge input (ADR 0003): each row of the suite's table is
 * sent to the shipped mock, one mock for all rows, and answered exactly as the row expects.
 */
class EdgeInputsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MockServerProcess mock;

    @BeforeAll
    static void start() throws Exception {
        mock = MockServerProcess.inJvm("--rate-limit", "0");
    }

    @AfterAll
    static void stop() throws Exception {
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void everyEdgeInput_isAnsweredByTheMockAsTheSuiteExpects() throws Exception {
        ApiRequest valid = ApiRequest.of(List.of(Param.of("app_id", mock.appId),
                Param.of("start_time", "2000-01-01T00:00:00Z"), Param.of("end_time", "2000-01-01T00:00:01Z")))
                .withHeaderKey(mock.apiKey);
        List<EdgeInput> table = EdgeInputs.all(valid, mock.apiKey);
        assertTrue(table.size() >= 50, "the table has " + table.size() + " rows");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> disagreements = new ArrayList<>();
        for (EdgeInput row : table) {
            String mismatch = row.mismatch(send(http, row.request()));
            if (mismatch != null) {
                disagreements.add(row.description() + ": expected " + row.expected() + ", the mock answered "
                        + mismatch + "\n  " + row.request().pathAndQuery());
            }
        }
        assertEquals(List.of(), disagreements, String.join("\n", disagreements));
    }

    private static ApiResponse send(HttpClient http, ApiRequest r) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mock.url + r.pathAndQuery()))
                .timeout(Duration.ofSeconds(10)).GET();
        r.headers().forEach(b::header);
        HttpResponse<String> raw = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = new TreeMap<>();
        raw.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        JsonNode json = raw.body().isBlank() ? null : JSON.readTree(raw.body());
        return new ApiResponse(raw.statusCode(), headers, raw.body(), json);
    }
}
