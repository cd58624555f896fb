package dev.runsapi.conformance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A live target that breaks the contract's rules for data that changes: a proxy in front of the mock
 * that, once the suite has read its baseline (from the first request filtering on {@code type}), drops
 * one run of that baseline from every answer, as if it had been deleted. On 127.0.0.1, a free port.
 */
final class RunDroppingProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            // numbers go back out as they came (0.0007055, not 7.055E-4: the contract forbids exponents)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private volatile String dropped;
    private volatile boolean dropping;

    private RunDroppingProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query))).timeout(Duration.ofSeconds(10)).GET();
                String key = exchange.getRequestHeaders().getFirst("X-API-Key");
                if (key != null) {
                    b.header("X-API-Key", key);
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                String body = r.body();
                if (r.statusCode() == 200 && query != null) {
                    body = rewrite(query, body);
                }
                r.headers().firstValue("content-type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                r.headers().firstValue("retry-after").ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(r.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static RunDroppingProxy start(String target) throws IOException {
        RunDroppingProxy p = new RunDroppingProxy(target);
        p.server.start();
        return p;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The id of the run dropped (known once the baseline has been read). */
    String dropped() {
        return String.valueOf(dropped);
    }

    private synchronized String rewrite(String query, String body) throws IOException {
        JsonNode json = JSON.readTree(body);
        if (!(json instanceof ObjectNode page) || !(json.get("data") instanceof ArrayNode data)) {
            return body;
        }
        if (dropped == null && query.contains("order=asc") && query.contains("limit=1000") && data.size() > 100) {
            dropped = data.get(100).get("id").asText(); // a run of the first chunk discovery reads
        }
        if (query.contains("type=")) {
            dropping = dropped != null;
        }
        if (!dropping) {
            return body;
        }
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).get("id").asText().equals(dropped)) {
                data.remove(i);
                page.put("total", page.get("total").asLong() - 1);
                return JSON.writeValueAsString(page);
            }
        }
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
