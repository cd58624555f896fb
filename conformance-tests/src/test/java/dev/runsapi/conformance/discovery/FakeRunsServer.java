package dev.runsapi.conformance.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.runsapi.conformance.oracle.Expected;
import dev.runsapi.conformance.oracle.Oracle;
import dev.runsapi.conformance.oracle.Query;
import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.oracle.TimeBound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A tiny in-process server for the suite's own tests: window, limit, page and order over a fixed list
 * of runs, answered by the oracle (what it shares with the suite is the point here: these tests check
 * the suite's plumbing, not a server). A page transform lets a test make it lie.
 */
final class FakeRunsServer implements AutoCloseable {
    private final HttpServer server;

    FakeRunsServer(List<Run> runs, UnaryOperator<List<Run>> pageTransform) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/run", ex -> {
            Map<String, String> p = new HashMap<>();
            for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                String[] a = kv.split("=", 2);
                p.put(URLDecoder.decode(a[0], StandardCharsets.UTF_8),
                        a.length > 1 ? URLDecoder.decode(a[1], StandardCharsets.UTF_8) : "");
            }
            Query q = Query.window(p.get("app_id"), TimeBound.parse(p.get("start_time")), TimeBound.parse(p.get("end_time")))
                    .withLimit(p.containsKey("limit") ? Integer.valueOf(p.get("limit")) : null)
                    .withPage(p.containsKey("page") ? Integer.valueOf(p.get("page")) : null)
                    .withOrder(p.get("order"));
            Expected e = Oracle.answer(runs, q);
            ObjectMapper json = new ObjectMapper();
            ObjectNode body = json.createObjectNode();
            ArrayNode data = body.putArray("data");
            for (Run r : pageTransform.apply(e.page())) {
                ObjectNode n = data.addObject();
                n.put("id", r.id());
                n.put("type", r.type());
                n.put("name", r.name());
                n.put("createdAt", r.createdAt().toString());
                n.putNull("endedAt");
                n.putNull("duration");
                n.putArray("tags");
                n.put("input", r.input());
            }
            body.put("total", e.total());
            body.put("page", e.pageNumber());
            body.put("limit", e.limit());
            byte[] bytes = json.writeValueAsBytes(body);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
