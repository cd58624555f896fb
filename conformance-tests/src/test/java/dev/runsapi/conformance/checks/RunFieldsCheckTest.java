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
                + p + ",\"completion\":" + c + ",\"total\":" + t + "},\"tags\":" + tags + "}"));
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
}
