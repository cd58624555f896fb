package dev.runsapi.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract, run through swagger-request-validator, holds the decisions it records. */
class ContractValidationTest {

    private static void assertValid(ValidationReport report) {
        assertFalse(report.hasErrors(), () -> "expected valid, got: " + report.getMessages());
    }

    private static void assertInvalid(ValidationReport report, String why) {
        assertTrue(report.hasErrors(), "expected the validator to reject: " + why);
    }

    /** The source document's example request, pointed at localhost. */
    private static Map<String, String> documentedQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("api_key", "key-acme-0001");
        query.put("app_id", "app-acme");
        query.put("start_time", "2022-01-01T00:00:00Z");
        query.put("end_time", "2027-01-02T00:00:00Z");
        query.put("limit", "10");
        query.put("page", "0");
        query.put("order", "asc");
        query.put("type", "llm");
        return query;
    }

    @Nested
    class Requests {

        @Test
        void documentedExampleRequest_isValid() {
            assertValid(Contract.validate(Contract.get(documentedQuery()).build()));
        }

        @Test
        void keyInHeaderInsteadOfQuery_isValid() {
            Map<String, String> query = documentedQuery();
            query.remove("api_key");
            assertValid(Contract.validate(Contract.get(query).withHeader("X-API-Key", "key-acme-0001").build()));
        }

        @Test
        void noCredentialAtAll_isRejected() {
            Map<String, String> query = documentedQuery();
            query.remove("api_key");
            assertInvalid(Contract.validate(Contract.get(query).build()), "no api_key and no X-API-Key");
        }

        @Test
        void repeatedArrayParameters_areValid() {
            var request = Contract.get(documentedQuery())
                    .withQueryParam("tags", "a", "b")
                    .withQueryParam("models", "gpt-4o", "gpt-4")
                    .withQueryParam("type", "llm", "tool")
                    .build();
            assertValid(Contract.validate(request));
        }

        @ParameterizedTest(name = "{0}={1} is rejected")
        @CsvSource({
            "limit, -1",
            "limit, 0",
            "limit, 1001",
            "limit, 2.5",
            "limit, ten",
            "page, -1",
            "page, x",
            "order, ASC",
            "order, up",
            "type, workflow",
            "type, LLM",
            "min_duration, -0.5",
            "max_duration, fast",
            "start_time, yesterday",
            "end_time, 2024-13-01T00:00:00Z",
        })
        void outOfContractValue_isRejected(String parameter, String value) {
            Map<String, String> query = documentedQuery();
            query.put(parameter, value);
            assertInvalid(Contract.validate(Contract.get(query).build()), parameter + "=" + value);
        }

        @ParameterizedTest(name = "without {0} the request is rejected")
        @ValueSource(strings = {"app_id", "start_time", "end_time"})
        void requiredParameterMissing_isRejected(String parameter) {
            Map<String, String> query = documentedQuery();
            query.remove(parameter);
            assertInvalid(Contract.validate(Contract.get(query).build()), "missing " + parameter);
        }

        @Test
        void emptyAppId_isRejected() {
            Map<String, String> query = documentedQuery();
            query.put("app_id", "");
            assertInvalid(Contract.validate(Contract.get(query).build()), "app_id empty");
        }

        // ADR 0003: the schema's limits are part of the contract, and lengths count code points.

        @Test
        void appIdOver200Characters_isRejectedBySchema() {
            Map<String, String> query = documentedQuery();
            query.put("app_id", "a".repeat(201));
            assertInvalid(Contract.validate(Contract.get(query).build()), "app_id of 201 characters");
            query.put("app_id", "a".repeat(200));
            assertValid(Contract.validate(Contract.get(query).build()));
        }

        @Test
        void moreThan100TypeValues_evenEachValid_isRejectedBySchema() {
            Map<String, String> query = documentedQuery();
            query.remove("type");
            String[] hundred = java.util.Collections.nCopies(100, "llm").toArray(String[]::new);
            String[] more = java.util.Collections.nCopies(101, "llm").toArray(String[]::new);
            assertValid(Contract.validate(Contract.get(query).withQueryParam("type", hundred).build()));
            assertInvalid(Contract.validate(Contract.get(query).withQueryParam("type", more).build()), "101 types");
        }

        @Test
        void searchLength_countsCodePointsNotUtf16Units() {
            Map<String, String> query = documentedQuery();
            query.put("search", "\uD83D\uDE00".repeat(1000));
            assertValid(Contract.validate(Contract.get(query).build()));
            query.put("search", "\uD83D\uDE00".repeat(1001));
            assertInvalid(Contract.validate(Contract.get(query).build()), "1001 emoji");
        }

        @Test
        void modelsValueLength_countsCodePoints() {
            Map<String, String> query = documentedQuery();
            assertValid(Contract.validate(Contract.get(query).withQueryParam("models", "\u00e9".repeat(200)).build()));
            assertInvalid(Contract.validate(Contract.get(query).withQueryParam("models", "\u00e9".repeat(201)).build()),
                    "a models value of 201 characters");
        }

        @Test
        void zeroDurationBoundsAndFractionalSeconds_areValid() {
            Map<String, String> query = documentedQuery();
            query.put("min_duration", "0");
            query.put("max_duration", "0.25");
            query.put("start_time", "2024-05-01T12:00:00.123456789+02:00");
            assertValid(Contract.validate(Contract.get(query).build()));
        }
    }

    @Nested
    class Responses {

        @Test
        void documentedExampleResponse_isValid() {
            assertValid(Contract.validateOk(Contract.documentedPage().toString()));
        }

        @Test
        void documentedExamplePage_fitsItsTotal() {
            ObjectNode page = Contract.documentedPage();
            int limit = page.get("limit").asInt();
            int pageNo = page.get("page").asInt();
            int total = page.get("total").asInt();
            assertTrue(page.get("data").size() <= limit);
            assertTrue(pageNo * limit < total, "the example page lies inside its total");
        }

        @ParameterizedTest(name = "a run without {0} is rejected")
        @ValueSource(strings = {"id", "type", "name", "createdAt", "endedAt", "duration", "tokens", "tags",
            "input", "output", "error", "user", "cost"})
        void runMissingRequiredField_isRejected(String field) {
            ObjectNode page = Contract.documentedPage();
            Contract.firstRun(page).remove(field);
            assertInvalid(Contract.validateOk(page.toString()), "run without " + field);
        }

        @ParameterizedTest(name = "a run with {0} = {1} is rejected")
        @CsvSource(delimiter = '|', value = {
            "type     | \"workflow\"",
            "cost     | -0.01",
            "duration | \"3\"",
            "duration | -1",
            "tags     | [\"a\",\"a\"]",
            "createdAt | \"yesterday\"",
        })
        void runFieldOutsideItsSchema_isRejected(String field, String json) throws Exception {
            ObjectNode page = Contract.documentedPage();
            Contract.firstRun(page).set(field, Contract.JSON.readTree(json));
            assertInvalid(Contract.validateOk(page.toString()), field + " = " + json);
        }

        @Test
        void unfinishedRunWithoutUser_isValid() {
            ObjectNode page = Contract.documentedPage();
            ObjectNode run = Contract.firstRun(page);
            for (String nullable : new String[] {"endedAt", "duration", "output", "error", "user"}) {
                run.set(nullable, NullNode.getInstance());
            }
            assertValid(Contract.validateOk(page.toString()));
        }

        @Test
        void runWithPropertyTheContractDoesNotName_isValid() {
            // Servers may add properties; clients ignore them (schema Run).
            ObjectNode page = Contract.documentedPage();
            Contract.firstRun(page).put("parentRunId", "run-0000000001");
            page.put("nextCursor", "abc");
            assertValid(Contract.validateOk(page.toString()));
        }

        @Test
        void pageWithoutTotal_isRejected() {
            ObjectNode page = Contract.documentedPage();
            page.remove("total");
            assertInvalid(Contract.validateOk(page.toString()), "no total");
        }

        @Test
        void limitAboveMaximumInResponse_isRejected() {
            ObjectNode page = Contract.documentedPage();
            page.put("limit", 5000);
            assertInvalid(Contract.validateOk(page.toString()), "limit 5000");
        }

        @Test
        void validationProblemNamingParameters_isValid() {
            String body = """
                {"type":"about:blank","title":"Unprocessable Content","status":422,
                 "detail":"1 query parameter is invalid.",
                 "errors":[{"parameter":"limit","message":"must be an integer from 1 to 1000, got \\"0\\""}]}
                """;
            assertValid(Contract.validateResponse(422, "application/problem+json", body, Map.of()));
        }

        @Test
        void validationProblemWithoutErrors_isRejected() {
            String body = """
                {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"bad"}
                """;
            assertInvalid(Contract.validateResponse(422, "application/problem+json", body, Map.of()), "422 without errors");
        }

        @Test
        void tooManyRequestsWithRetryAfter_isValid() {
            String body = """
                {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"slow down"}
                """;
            assertValid(Contract.validateResponse(429, "application/problem+json", body, Map.of("Retry-After", "1")));
        }

        @Test
        void tooManyRequestsWithoutRetryAfter_isRejected() {
            String body = """
                {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"slow down"}
                """;
            assertInvalid(Contract.validateResponse(429, "application/problem+json", body, Map.of()), "429 without Retry-After");
        }

        @Test
        void undocumentedStatus_isRejected() {
            assertInvalid(Contract.validateResponse(400, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"x\"}", Map.of()),
                    "400 is not a status of this contract");
        }

        @Test
        void forbiddenAsPlainText_isRejected() {
            assertInvalid(Contract.validateResponse(403, "text/plain", "Forbidden", Map.of()), "403 as text/plain");
        }
    }
}
