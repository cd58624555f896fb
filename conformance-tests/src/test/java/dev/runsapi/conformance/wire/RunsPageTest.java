package dev.runsapi.conformance.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunsPageTest {
    static ApiResponse ok(String body) throws Exception {
        return new ApiResponse(200, Map.of("content-type", List.of("application/json")), body,
                new ObjectMapper().readTree(body));
    }

    @Test
    void from_readsRunsWithExactDurations() throws Exception {
        RunsPage p = RunsPage.from(ok("{\"data\":[{\"id\":\"r1\",\"type\":\"llm\",\"name\":\"n\",\"createdAt\":"
                + "\"2024-05-01T12:00:00.000Z\",\"endedAt\":null,\"duration\":null,\"tags\":[\"t\"],\"input\":\"i\","
                + "\"output\":null,\"error\":null},{\"id\":\"r2\",\"createdAt\":\"2024-05-01T14:00:00+02:00\","
                + "\"duration\":3.250}],\"total\":9,\"page\":0,\"limit\":2}"));
        assertEquals(List.of("r1", "r2"), p.ids());
        assertEquals(9, p.total());
        assertNull(p.data().get(0).duration());
        assertEquals(0, new BigDecimal("3.25").compareTo(p.data().get(1).duration()));
        assertEquals(p.data().get(0).createdAt(), p.data().get(1).createdAt());
    }

    @Test
    void from_refusesAnswersItCannotCompareWith() throws Exception {
        assertThrows(MalformedAnswerException.class, () -> RunsPage.from(ok("{\"data\":{},\"total\":1}")));
        assertThrows(MalformedAnswerException.class, () -> RunsPage.from(ok("{\"data\":[{\"createdAt\":\"x\"}],"
                + "\"total\":1,\"page\":0,\"limit\":1}")));
        assertThrows(MalformedAnswerException.class, () -> RunsPage.from(new ApiResponse(500, Map.of(), "", null)));
    }
}
