package dev.runsapi.conformance.wire;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractValidatorTest {
    static ContractValidator validator;

    static final String RUN = "{\"id\":\"r1\",\"type\":\"llm\",\"name\":\"gpt-4\",\"createdAt\":\"2024-05-01T12:00:00.000Z\","
            + "\"endedAt\":\"2024-05-01T12:00:03.250Z\",\"duration\":DURATION,\"tokens\":{\"prompt\":1,\"completion\":2,"
            + "\"total\":3},\"tags\":[\"a\"],\"input\":\"x\",\"output\":\"y\",\"error\":null,\"user\":null,\"cost\":0.5}";

    @BeforeAll
    static void load() {
        validator = new ContractValidator();
    }

    static ApiResponse response(int status, String type, String body, Map<String, List<String>> extra) {
        java.util.Map<String, List<String>> h = new java.util.TreeMap<>(extra);
        h.put("content-type", List.of(type));
        return new ApiResponse(status, h, body, null);
    }

    static String page(String duration) {
        return "{\"data\":[" + RUN.replace("DURATION", duration) + "],\"total\":1,\"page\":0,\"limit\":100}";
    }

    @Test
    void aConformingPage_hasNoComplaint() {
        assertEquals(List.of(), validator.validate(response(200, "application/json", page("3.25"), Map.of())));
    }

    @Test
    void aDurationWrittenAsAString_isRejected() {
        assertFalse(validator.validate(response(200, "application/json", page("\"3.25\""), Map.of())).isEmpty());
    }

    @Test
    void anUndocumentedStatus_isRejected() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"bad\"}";
        assertFalse(validator.validate(response(400, "application/problem+json", problem, Map.of())).isEmpty());
    }

    @Test
    void a422WithoutErrors_isRejected() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"bad\"}";
        assertFalse(validator.validate(response(422, "application/problem+json", problem, Map.of())).isEmpty());
    }

    @Test
    void a429WithoutRetryAfter_isRejectedAndWithItAccepted() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"slow\"}";
        assertFalse(validator.validate(response(429, "application/problem+json", problem, Map.of())).isEmpty());
        assertTrue(validator.validate(response(429, "application/problem+json", problem,
                Map.of("retry-after", List.of("1")))).isEmpty());
    }

    @Test
    void aPageAsHtml_isRejected() {
        assertFalse(validator.validate(response(200, "text/html", "<html></html>", Map.of())).isEmpty());
    }

    @Test
    void propertiesTheContractDoesNotName_areNoComplaint_butAreKeptForTheNote() {
        ContractValidator v = new ContractValidator();
        String page = page("3.25").replace("\"cost\":0.5}", "\"cost\":0.5,\"projectId\":\"p\"}")
                .replace("\"limit\":100}", "\"limit\":100,\"hasMore\":false}");
        assertEquals(List.of(), v.validate(response(200, "application/json", page, Map.of())));
        String problem = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"no\","
                + "\"traceId\":\"t\"}";
        assertEquals(List.of(), v.validate(response(403, "application/problem+json", problem, Map.of())));
        assertEquals(java.util.Set.of("hasMore at /", "projectId at /data/*", "traceId at /"), v.extraProperties());
    }
}
