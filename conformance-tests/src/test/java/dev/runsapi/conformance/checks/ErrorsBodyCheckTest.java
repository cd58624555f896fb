package dev.runsapi.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ApiResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsBodyCheckTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final InvalidCase LIMIT_AND_PAGE = InvalidCase.of("x", ApiRequest.of(List.of()), "limit", "page");
    static final InvalidCase REVERSED = new InvalidCase("x", ApiRequest.of(List.of()), Set.of(),
            Set.of("start_time", "end_time"));

    static JsonNode errors(String... names) throws Exception {
        StringBuilder sb = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"parameter\":\"").append(names[i]).append("\",\"message\":\"m\"}");
        }
        return JSON.readTree(sb.append("]}").toString());
    }

    @Test
    void namingFault_acceptsEachOffendingParameterOnce() throws Exception {
        assertNull(ErrorsBodyCheck.namingFault(errors("page", "limit"), LIMIT_AND_PAGE));
        assertNull(ErrorsBodyCheck.namingFault(errors("end_time"), REVERSED));
        assertNull(ErrorsBodyCheck.namingFault(errors("start_time", "end_time"), REVERSED));
    }

    @Test
    void namingFault_rejectsMissingRepeatedAndInnocentParameters() throws Exception {
        assertEquals("errors naming [limit], missing [page]", ErrorsBodyCheck.namingFault(errors("limit"), LIMIT_AND_PAGE));
        assertNotNull(ErrorsBodyCheck.namingFault(errors("limit", "page", "limit"), LIMIT_AND_PAGE));
        assertNotNull(ErrorsBodyCheck.namingFault(errors("limit", "page", "order"), LIMIT_AND_PAGE));
        assertNotNull(ErrorsBodyCheck.namingFault(errors("limit"), REVERSED));
        assertEquals("no errors list", ErrorsBodyCheck.namingFault(JSON.readTree("{}"), LIMIT_AND_PAGE));
    }

    @Test
    void problemBodyFault_wantsProblemJsonWithTheHttpStatus() throws Exception {
        String body = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"no key\"}";
        ApiResponse good = new ApiResponse(403, Map.of("content-type", List.of("application/problem+json")), body,
                JSON.readTree(body));
        assertNull(ErrorsBodyCheck.problemBodyFault(good));
        ApiResponse wrongStatus = new ApiResponse(401, good.headers(), body, good.json());
        assertEquals("status field 403 in a 401", ErrorsBodyCheck.problemBodyFault(wrongStatus));
        ApiResponse plainJson = new ApiResponse(403, Map.of("content-type", List.of("application/json")), body,
                good.json());
        assertEquals("content type application/json", ErrorsBodyCheck.problemBodyFault(plainJson));
    }

    @Test
    void namingKind_saysWhatIsWrong_notWithWhichNames() throws Exception {
        String missing = ErrorsBodyCheck.namingFault(errors("limit"), LIMIT_AND_PAGE);
        assertEquals("offending parameter not named", ErrorsBodyCheck.namingKind(missing));
        String unnamed = ErrorsBodyCheck.namingFault(JSON.readTree("{\"errors\":[{\"message\":\"m\"}]}"),
                LIMIT_AND_PAGE);
        assertEquals("an error without its parameter, offending parameter not named",
                ErrorsBodyCheck.namingKind(unnamed));
        assertEquals("parameter named twice",
                ErrorsBodyCheck.namingKind(ErrorsBodyCheck.namingFault(errors("limit", "page", "limit"), LIMIT_AND_PAGE)));
        assertEquals("parameter not at fault named",
                ErrorsBodyCheck.namingKind(ErrorsBodyCheck.namingFault(errors("limit", "page", "order"), LIMIT_AND_PAGE)));
        assertEquals("no errors list", ErrorsBodyCheck.namingKind("no errors list"));
        // the same fault in two cases is the same kind, whatever the parameters
        String otherCase = ErrorsBodyCheck.namingFault(errors("start_time"),
                InvalidCase.of("y", ApiRequest.of(List.of()), "start_time", "limit"));
        assertEquals(ErrorsBodyCheck.namingKind(missing), ErrorsBodyCheck.namingKind(otherCase));
    }

    @Test
    void namesParameters_readsA422_andA400_notAnswersToSomethingElse() throws Exception {
        Map<String, List<String>> problem = Map.of("content-type", List.of("application/problem+json"));
        String bare = "{\"status\":400,\"detail\":\"bad\"}";
        assertTrue(ErrorsBodyCheck.namesParameters(new ApiResponse(422, problem, bare, JSON.readTree(bare))));
        assertTrue(ErrorsBodyCheck.namesParameters(new ApiResponse(400, problem, bare, JSON.readTree(bare))));
        for (int other : new int[] {401, 403, 429, 500}) {
            assertFalse(ErrorsBodyCheck.namesParameters(new ApiResponse(other, problem, bare, JSON.readTree(bare))));
        }
    }
}
