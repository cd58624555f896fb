package dev.runsapi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.runsapi.client.api.RunsApi;
import dev.runsapi.client.api.RunsApi.APIListRunsRequest;
import dev.runsapi.client.model.Run;
import dev.runsapi.client.model.RunType;
import dev.runsapi.client.model.RunsPage;
import dev.runsapi.client.model.SortOrder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated SDK sends the contract's wire format and reads its answers, against a local stub server. */
class GeneratedClientTest {

    private HttpServer server;
    private final AtomicReference<String> lastQuery = new AtomicReference<>();
    private final AtomicReference<String> lastKey = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String body;

    @BeforeEach
    void startStub() throws IOException {
        body = documentedPage();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/run", exchange -> {
            lastQuery.set(exchange.getRequestURI().getRawQuery());
            lastKey.set(exchange.getRequestHeaders().getFirst("X-API-Key"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private static String documentedPage() throws IOException {
        try (InputStream in = GeneratedClientTest.class.getClassLoader().getResourceAsStream("openapi/runs-api.yaml")) {
            var spec = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new ObjectMapper().writeValueAsString(spec.at("/components/examples/DocumentedPage/value"));
        }
    }

    private ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.getAddress().getPort());
        return client;
    }

    private RunsApi api() {
        return new RunsApi(client());
    }

    private static APIListRunsRequest.Builder window() {
        return APIListRunsRequest.newBuilder()
                .appId("app-acme")
                .startTime(OffsetDateTime.parse("2022-01-01T00:00:00Z"))
                .endTime(OffsetDateTime.parse("2027-01-02T00:00:00Z"));
    }

    @Test
    void listRuns_sendsArraysAsRepeatedParametersAndTheKeyAsHeader() throws Exception {
        api().listRuns(window().tags(List.of("a", "b")).type(List.of(RunType.LLM, RunType.TOOL))
                .limit(10).page(0).order(SortOrder.ASC).build(), Map.of("X-API-Key", "key-acme-0001"));
        String query = lastQuery.get();
        assertTrue(query.contains("tags=a&tags=b"), query);
        assertTrue(query.contains("type=llm&type=tool"), query);
        assertTrue(query.contains("app_id=app-acme"), query);
        assertTrue(query.contains("start_time=2022-01-01T00%3A00Z") || query.contains("start_time=2022-01-01T00%3A00%3A00Z"), query);
        assertEquals("key-acme-0001", lastKey.get());
    }

    @Test
    void listRuns_sendsTheOrderEnumAsItsContractValue() throws Exception {
        api().listRuns(window().order(SortOrder.DESC).build(), Map.of());
        assertTrue(lastQuery.get().contains("order=desc"), lastQuery.get());
        api().listRuns(window().order(SortOrder.ASC).build(), Map.of());
        assertTrue(lastQuery.get().contains("order=asc"), lastQuery.get());
        api().listRuns(window().build(), Map.of());
        assertTrue(!lastQuery.get().contains("order="), "no order sent when none is set: " + lastQuery.get());
    }

    @Test
    void sortOrder_hasExactlyTheContractsValues() {
        assertEquals(List.of("asc", "desc"),
                java.util.Arrays.stream(SortOrder.values()).map(SortOrder::getValue).toList());
    }

    @Test
    void requestInterceptor_setOnceOnTheClient_sendsTheKeyOnEveryCall() throws Exception {
        ApiClient client = client();
        client.setRequestInterceptor(request -> request.header("X-API-Key", "key-set-once"));
        RunsApi runs = new RunsApi(client);
        runs.listRuns(window().build());
        assertEquals("key-set-once", lastKey.get());
        lastKey.set(null);
        runs.listRuns(window().page(1).build());
        assertEquals("key-set-once", lastKey.get());
    }

    @Test
    void listRuns_readsTheContractsExamplePage() throws Exception {
        RunsPage page = api().listRuns(window().limit(10).page(1).build(), Map.of("X-API-Key", "k"));
        assertEquals(200L, page.getTotal());
        assertEquals(1, page.getPage());
        assertEquals(10, page.getLimit());
        Run run = page.getData().get(0);
        assertEquals(RunType.LLM, run.getType());
        assertEquals(150L, run.getTokens().getTotal());
        assertNull(run.getError());
        assertEquals("user1@apple.com", ((Map<?, ?>) run.getUser().getProps()).get("email"));
    }

    @Test
    void listRuns_onProblem_throwsApiExceptionWithStatusAndBody() {
        status = 422;
        contentType = "application/problem+json";
        body = "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                + "\"detail\":\"1 query parameter is invalid.\",\"errors\":[{\"parameter\":\"limit\",\"message\":\"bad\"}]}";
        ApiException e = assertThrows(ApiException.class, () -> api().listRuns(window().limit(0).build()));
        assertEquals(422, e.getCode());
        assertTrue(e.getResponseBody().contains("\"parameter\":\"limit\""));
    }
}
