package dev.runsapi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.server.api.RunsApi;
import dev.runsapi.server.model.ParameterError;
import dev.runsapi.server.model.Run;
import dev.runsapi.server.model.RunType;
import dev.runsapi.server.model.RunsPage;
import dev.runsapi.server.model.SortOrder;
import dev.runsapi.server.model.Tokens;
import dev.runsapi.server.model.ValidationProblem;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** The generated Spring interface and models compile, can be implemented, and serialize as the contract says. */
class GeneratedServerStubsTest {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** The smallest implementation of the generated interface: one fixed run. */
    static final class OneRunApi implements RunsApi {
        @Override
        public ResponseEntity<RunsPage> listRuns(String appId, OffsetDateTime startTime, OffsetDateTime endTime,
                String search, List<String> models, List<String> tags, List<RunType> type, BigDecimal minDuration,
                BigDecimal maxDuration, Integer limit, Integer page, SortOrder order) {
            Run run = new Run()
                    .id("run-1")
                    .type(RunType.LLM)
                    .name("gpt-4o")
                    .createdAt(startTime)
                    .tokens(new Tokens().prompt(50L).completion(100L).total(150L))
                    .tags(Set.of("beta"))
                    .input("hello")
                    .cost(new BigDecimal("0.05"));
            return ResponseEntity.ok(new RunsPage().data(List.of(run)).total(1L).page(page).limit(limit));
        }
    }

    @Test
    void implementation_ofGeneratedInterface_answersItsPage() {
        OffsetDateTime start = OffsetDateTime.parse("2024-05-01T00:00:00Z");
        RunsPage page = new OneRunApi().listRuns("app", start, start.plusDays(1), null, null, null,
                List.of(RunType.LLM), null, null, 10, 0, SortOrder.DESC).getBody();
        assertEquals(1L, page.getTotal());
        assertEquals(10, page.getLimit());
        assertEquals("run-1", page.getData().get(0).getId());
    }

    @Test
    void runType_wireValues_areTheContractsEnum() {
        assertEquals(List.of("llm", "tool", "chain", "agent"),
                java.util.Arrays.stream(RunType.values()).map(RunType::getValue).toList());
        assertEquals(RunType.AGENT, RunType.fromValue("agent"));
    }

    @Test
    void sortOrder_wireValues_areTheContractsEnum() {
        assertEquals(List.of("asc", "desc"),
                java.util.Arrays.stream(SortOrder.values()).map(SortOrder::getValue).toList());
        assertEquals(SortOrder.ASC, SortOrder.fromValue("asc"));
    }

    @Test
    void unfinishedRun_serializesNullablePropertiesAsExplicitNulls() throws Exception {
        Run run = new Run().id("run-2").type(RunType.TOOL).name("search").input("q")
                .createdAt(OffsetDateTime.parse("2024-05-01T00:00:00Z"))
                .tokens(new Tokens().prompt(0L).completion(0L).total(0L)).cost(BigDecimal.ZERO);
        var json = JSON.readTree(JSON.writeValueAsString(run));
        for (String nullable : List.of("endedAt", "duration", "output", "error", "user")) {
            assertTrue(json.has(nullable), nullable + " must be present");
            assertTrue(json.get(nullable).isNull(), nullable + " must be null");
        }
    }

    @Test
    void validationProblem_carriesEachOffendingParameter() throws Exception {
        ValidationProblem problem = new ValidationProblem().type("about:blank").title("Unprocessable Content")
                .status(ValidationProblem.StatusEnum.NUMBER_422).detail("1 query parameter is invalid.")
                .errors(List.of(new ParameterError().parameter("limit").message("must be an integer from 1 to 1000")));
        var json = JSON.readTree(JSON.writeValueAsString(problem));
        assertEquals(422, json.get("status").asInt());
        assertEquals("limit", json.get("errors").get(0).get("parameter").asString());
    }
}
