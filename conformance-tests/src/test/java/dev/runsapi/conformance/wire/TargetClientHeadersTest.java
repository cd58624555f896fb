package dev.runsapi.conformance.wire;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TargetClientHeadersTest {

    @Test
    void extraHeaders_reachTheTarget_withAndWithoutTheKey() throws Exception {
        List<Map<String, List<String>>> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            seen.add(Map.copyOf(ex.getRequestHeaders()));
            byte[] body = "{\"data\":[],\"total\":0,\"page\":0,\"limit\":1}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        Transport t = Transport.of(ExtraHeader.parseAll(List.of("Authorization: Bearer gw-1", "X-Tenant: t1")), null,
                false, null, Map.of());
        try (TargetClient c = new TargetClient("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5),
                RateLimitPolicy.defaults(), new ContractValidator(), t, 1)) {
            c.send(ApiRequest.of(List.of(Param.of("app_id", "a"))).withHeaderKey("k"));
            c.send(ApiRequest.of(List.of(Param.of("app_id", "a"))));
        } finally {
            server.stop(0);
        }
        assertEquals(2, seen.size());
        for (Map<String, List<String>> h : seen) {
            assertEquals(List.of("Bearer gw-1"), h.get("Authorization"));
            assertEquals(List.of("t1"), h.get("X-tenant"));
        }
        assertEquals(List.of("k"), seen.get(0).get("X-api-key"));
        assertNull(seen.get(1).get("X-api-key"));
    }
}
