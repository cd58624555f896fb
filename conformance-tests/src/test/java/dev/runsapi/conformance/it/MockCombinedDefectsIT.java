package dev.runsapi.conformance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers that break many rules at once (issue 10): each defect is reported as a distinct finding, its curl
 * reproduces it against the mock with that defect alone, nothing is reported that no enabled defect
 * explains, and every report file holds the same distinct findings. A server that only adds properties the
 * contract does not name passes, with a note. The mocks and the suite run in this JVM (what is asked is what the
 * suite finds; MockConformanceIT and SecretsMaskedIT run the jars).
 */
class MockCombinedDefectsIT {
    static final Path REPORTS = Path.of(System.getProperty("conformance.itDir", "target/it-reports"));
    /** Across filters, paging, ordering, errors, auth and schema. */
    static final List<String> EIGHT = List.of("tags-match-all", "search-like-wildcards", "page-off-by-one",
            "no-tie-break", "validation-400", "query-key-wins", "user-of-nulls", "single-instant-refused");
    static final int COMBINATION_TRIES = 8;
    private static final Pattern CURL_HEADER = Pattern.compile("-H '([^':]+): ([^']*)'");
    private static final Pattern CURL_URL = Pattern.compile("'(https?://[^']+)'\\s*$");

    @Test
    void eightDefectsAtOnce_eachADistinctFindingThatItsCurlReproducesAlone_nothingUnexplained() throws Exception {
        Map<String, RunReports.Found> shown;
        try (MockServerProcess mock = MockServerProcess.inJvm(flags(EIGHT))) {
            Path dir = REPORTS.resolve("combined-eight");
            // --show-secrets: the curls below are sent as they stand (masked ones read $RUNS_API_KEY, which
            // SecretsMaskedIT runs through bash)
            SuiteProcess run = SuiteProcess.inJvm(SuiteProcess.against(mock, dir, "--seed", "2024",
                    "--report-format", "json", "--show-secrets"));
            assertEquals(1, run.exitCode(), run.describe());
            RunReports reports = new RunReports(dir);
            reports.assertValidAgainstSchema();
            reports.assertSameDistinctFindingsEverywhere();
            List<RunReports.Found> found = reports.findings();
            assertEquals(List.of(), DefectFootprints.unmatched(EIGHT, found), "defects without a finding of their own\n"
                    + run.out());
            assertEquals(List.of(), DefectFootprints.unexplained(EIGHT, found).stream().map(RunReports.Found::id)
                    .toList(), "findings no enabled defect explains\n" + run.out());
            shown = DefectFootprints.matching(EIGHT, found);
        }
        // Each defect's curl, sent to the mock with that defect alone, is answered otherwise than by the correct mock.
        try (MockServerProcess correct = MockServerProcess.inJvm("--rate-limit", "0")) {
            for (Map.Entry<String, RunReports.Found> e : shown.entrySet()) {
                try (MockServerProcess alone = MockServerProcess.inJvm(flags(List.of(e.getKey())))) {
                    String curl = e.getValue().request();
                    assertTrue(curl != null && curl.startsWith("curl "), e.getValue().id() + ": " + curl);
                    String got = answer(alone, curl);
                    String expected = answer(correct, curl);
                    assertNotEquals(expected, got, e.getKey() + ": " + curl + " answers as the correct mock does");
                }
            }
        }
    }

    @Test
    void tenSeededCombinations_atLeast95PercentOfDefectsFound_nothingUnexplained() throws Exception {
        // The pool of issue 10's measurement: the three misreadings of ADR 0003 are left out (only the edge
        // inputs' table sees them, whatever else is broken; MockDefectsIT has a row for each). With them in,
        // the same random seed draws other combinations: see the suite README for that figure.
        List<String> pool = new ArrayList<>(DefectFootprints.ALL.keySet());
        pool.removeAll(DefectFootprints.EDGE_INPUT_DEFECTS);
        Random random = new Random(2026);
        int enabled = 0;
        int foundCount = 0;
        StringBuilder table = new StringBuilder("| seed | defects | missed | distinct findings | requests |\n"
                + "|---|---|---|---|---|\n");
        List<String> unexplained = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> shuffled = new ArrayList<>(pool);
            java.util.Collections.shuffle(shuffled, random);
            List<String> defects = shuffled.subList(0, 3 + random.nextInt(4));
            try (MockServerProcess mock = MockServerProcess.inJvm(flags(defects))) {
                Path dir = REPORTS.resolve("combination-" + i);
                // At --tries 8, not the default 40: ten default runs would cost the build minutes; the examples of
                // each check (the edges that matter) run whatever the tries.
                SuiteProcess run = SuiteProcess.inJvm(SuiteProcess.against(mock, dir, "--seed", Integer.toString(100 + i),
                        "--tries", Integer.toString(COMBINATION_TRIES), "--report-format", "json"));
                assertEquals(1, run.exitCode(), run.describe());
                RunReports reports = new RunReports(dir);
                int distinct = reports.assertSameDistinctFindingsEverywhere();
                List<RunReports.Found> found = reports.findings();
                List<String> missed = DefectFootprints.unmatched(defects, found);
                DefectFootprints.unexplained(defects, found).forEach(f -> unexplained.add(defects + ": " + f.id()
                        + " " + f.json().path("signature").asText()));
                enabled += defects.size();
                foundCount += defects.size() - missed.size();
                table.append("| ").append(100 + i).append(" | ").append(String.join(", ", defects)).append(" | ")
                        .append(missed.isEmpty() ? "" : String.join(", ", missed)).append(" | ").append(distinct)
                        .append(" | ").append(run.requests()).append(" |\n");
            }
        }
        table.append("\nfound ").append(foundCount).append(" of ").append(enabled).append(" enabled defects\n");
        Files.createDirectories(REPORTS);
        Files.writeString(REPORTS.resolve("combinations.md"), table.toString());
        assertEquals(List.of(), unexplained, table.toString());
        assertTrue(foundCount * 100 >= enabled * 95, table.toString());
    }

    @Test
    void aServerThatAddsPropertiesEverywhere_passes_andTheReportNotesThem() throws Exception {
        try (MockServerProcess mock = MockServerProcess.inJvm("--rate-limit", "0");
             ExtraPropertiesProxy proxy = new ExtraPropertiesProxy(mock.url)) {
            // The proxy adds to the answers and nothing else: the same status, the extra properties in the body.
            String direct = answer(mock, "curl -H 'X-API-Key: " + mock.apiKey + "' '" + mock.url
                    + "/api/v1/run?app_id=" + mock.appId + "&start_time=2024-05-01T00:00:00Z&end_time=2024-06-01T00:00:00Z"
                    + "&limit=2'");
            String proxied = answer(proxy.url(), "curl -H 'X-API-Key: " + mock.apiKey + "' '" + mock.url
                    + "/api/v1/run?app_id=" + mock.appId + "&start_time=2024-05-01T00:00:00Z&end_time=2024-06-01T00:00:00Z"
                    + "&limit=2'");
            assertEquals(direct.substring(0, 4), proxied.substring(0, 4));
            assertTrue(proxied.contains("\"hasMore\":false") && proxied.contains("\"projectId\":\"p-1\""), proxied);
            Path dir = REPORTS.resolve("extra-properties");
            // A generous time-out: the proxy is one more hop on a machine the build keeps busy.
            List<String> args = new ArrayList<>(SuiteProcess.against(mock, dir, "--seed", "5", "--tries", "10",
                    "--report-format", "json", "--timeout", "30"));
            args.set(args.indexOf(mock.url), proxy.url());
            SuiteProcess run = SuiteProcess.inJvm(args);
            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.out().contains("hasMore at /"), run.out());
            assertTrue(run.out().contains("projectId at /data/*"), run.out());
            assertTrue(run.out().contains("traceId at /"), run.out());
            RunReports reports = new RunReports(dir);
            reports.assertValidAgainstSchema();
            assertEquals(0, reports.assertSameDistinctFindingsEverywhere());
            assertTrue(proxy.rewritten > 0);
        }
    }

    static String[] flags(List<String> defects) {
        List<String> f = new ArrayList<>(List.of("--rate-limit", "0"));
        defects.forEach(d -> f.addAll(List.of("--defect", d)));
        return f.toArray(String[]::new);
    }

    /** Status and body of the curl's request sent to {@code mock} (its host put in place of the curl's). */
    static String answer(MockServerProcess mock, String curl) throws Exception {
        return answer(mock.url, curl);
    }

    static String answer(String base, String curl) throws Exception {
        Matcher url = CURL_URL.matcher(curl);
        assertTrue(url.find(), curl);
        URI u = URI.create(url.group(1));
        URI to = URI.create(base + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        HttpRequest.Builder b = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30)).GET();
        Matcher h = CURL_HEADER.matcher(curl);
        while (h.find()) {
            b.header(h.group(1), h.group(2));
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    /**
     * A target that adds properties the contract does not name to every page ({@code hasMore}), run
     * ({@code projectId}), user ({@code plan}) and problem ({@code traceId}); otherwise the mock's answer.
     */
    static final class ExtraPropertiesProxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        volatile int rewritten;

        ExtraPropertiesProxy(String upstream) throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try {
                    URI uri = URI.create(upstream + exchange.getRequestURI().toString());
                    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
                    exchange.getRequestHeaders().forEach((k, vs) -> {
                        if (k.equalsIgnoreCase("X-API-Key")) {
                            vs.forEach(v -> b.header(k, v));
                        }
                    });
                    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    String body = withExtras(r.body());
                    r.headers().map().forEach((k, vs) -> {
                        if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding")
                                && !k.startsWith(":")) {
                            exchange.getResponseHeaders().put(k, vs);
                        }
                    });
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(r.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        exchange.getResponseBody().write(bytes);
                    }
                } catch (Exception e) {
                    exchange.sendResponseHeaders(502, -1);
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private String withExtras(String body) {
            try {
                JsonNode j = RunReports.JSON.readTree(body);
                if (!(j instanceof ObjectNode o)) {
                    return body;
                }
                if (o.has("data")) {
                    o.put("hasMore", false);
                    for (JsonNode run : o.path("data")) {
                        ((ObjectNode) run).put("projectId", "p-1");
                        if (run.path("user").isObject()) {
                            ((ObjectNode) run.path("user")).put("plan", "free");
                        }
                    }
                } else if (o.has("status")) {
                    o.put("traceId", "t-1");
                }
                rewritten++;
                return RunReports.JSON.writeValueAsString(o);
            } catch (Exception e) {
                return body;
            }
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
