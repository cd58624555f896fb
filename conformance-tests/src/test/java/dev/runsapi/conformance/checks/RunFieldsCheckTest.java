package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFieldsCheckTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String fault(String created, String ended, String duration, int p, int c, int t, String tags) throws Exception {
        return RunFieldsCheck.fault(JSON.readTree("{\"id\":\"r\",\"createdAt\":\"" + created + "\",\"endedAt\":"
                + (ended == null ? "null" : "\"" + ended + "\"") + ",\"duration\":" + duration + ",\"tokens\":{\"prompt\":"
                + p + ",\"completion\":" + c + ",\"total\":" + t + "},\"tags\":" + tags + ",\"output\":"
                + (ended == null ? "null" : "\"o\"") + ",\"error\":null}"));
    }

    static String fault(String json) throws Exception {
        return RunFieldsCheck.fault(JSON.readTree(json));
    }

    static final String ENDED = "{\"id\":\"r\",\"type\":\"%s\",\"createdAt\":\"2024-05-01T12:00:00.000Z\","
            + "\"endedAt\":\"2024-05-01T12:00:01.000Z\",\"duration\":1,\"tokens\":{\"prompt\":%d,\"completion\":0,"
            + "\"total\":%d},\"tags\":[],\"output\":%s,\"error\":%s}";
    static final String UNFINISHED = "{\"id\":\"r\",\"type\":\"llm\",\"createdAt\":\"2024-05-01T12:00:00.000Z\","
            + "\"endedAt\":null,\"duration\":null,\"tokens\":{\"prompt\":1,\"completion\":0,\"total\":1},"
            + "\"tags\":[],\"output\":%s,\"error\":%s}";

    @Test
    void outputAndError_followTheRunsState() throws Exception {
        assertNull(fault(ENDED.formatted("llm", 1, 1, "\"\"", "null")), "an empty output is an output");
        assertNull(fault(ENDED.formatted("llm", 1, 1, "null", "\"boom\"")));
        assertNull(fault(UNFINISHED.formatted("null", "null")));
        assertTrue(fault(ENDED.formatted("llm", 1, 1, "\"o\"", "\"boom\"")).contains("both"));
        assertTrue(fault(ENDED.formatted("llm", 1, 1, "null", "null")).contains("neither"));
        assertTrue(fault(UNFINISHED.formatted("\"o\"", "null")).contains("not ended"));
        assertTrue(fault(UNFINISHED.formatted("null", "\"e\"")).contains("not ended"));
    }

    @Test
    void toolRuns_haveAllZeroTokens() throws Exception {
        assertNull(fault(ENDED.formatted("tool", 0, 0, "\"o\"", "null")));
        assertNull(fault(ENDED.formatted("chain", 5, 5, "\"o\"", "null")), "a chain may carry its steps' usage");
        assertTrue(fault(ENDED.formatted("tool", 5, 5, "\"o\"", "null")).contains("tool run"));
    }

    @Test
    void aConsistentRun_hasNoFault() throws Exception {
        assertNull(fault("2024-05-01T12:00:00.000Z", "2024-05-01T12:00:03.250Z", "3.25", 1, 2, 3, "[\"a\"]"));
        assertNull(fault("2024-05-01T12:00:00.000Z", null, "null", 0, 0, 0, "[]"));
    }

    @Test
    void inconsistentRuns_areCaught() throws Exception {
        assertTrue(fault("2024-05-01T12:00:00Z", null, "null", 0, 0, 0, "[]").contains("millisecond"));
        assertTrue(fault("2024-05-01T12:00:00.000Z", "2024-05-01T12:00:03.250Z", "3.2", 0, 0, 0, "[]")
                .contains("duration"));
        assertTrue(fault("2024-05-01T12:00:00.000Z", null, "1", 0, 0, 0, "[]").contains("duration is set"));
        assertTrue(fault("2024-05-01T12:00:00.000Z", null, "null", 1, 1, 3, "[]").contains("tokens.total"));
        assertTrue(fault("2024-05-01T12:00:00.000Z", null, "null", 0, 0, 0, "[\"a\",\"a\"]").contains("twice"));
        assertTrue(fault("2024-05-01T12:00:00.000Z", "2024-05-01T11:00:00.000Z", "0", 0, 0, 0, "[]").contains("before"));
    }

    @Test
    void exponentIn_findsNumbersWithAnExponent_notLettersInStrings() {
        assertNull(RunFieldsCheck.exponentIn("{\"cost\":0.0000001,\"input\":\"1E-7 e\",\"n\":[3,3.25]}"));
        org.junit.jupiter.api.Assertions.assertEquals("7.5E-7", RunFieldsCheck.exponentIn("{\"a\":1,\"cost\":7.5E-7}"));
        org.junit.jupiter.api.Assertions.assertEquals("1e3", RunFieldsCheck.exponentIn("[1e3]"));
    }
}
