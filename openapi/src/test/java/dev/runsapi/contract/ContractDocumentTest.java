package dev.runsapi.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract parses cleanly and documents everything it declares. */
class ContractDocumentTest {

    private static SwaggerParseResult parse(boolean resolve) {
        ParseOptions options = new ParseOptions();
        options.setResolve(resolve);
        return new OpenAPIV3Parser().readContents(Contract.text(), null, options);
    }

    @Test
    void contract_parsed_hasNoErrorsOrWarnings() {
        SwaggerParseResult result = parse(true);
        assertNotNull(result.getOpenAPI(), "the contract did not parse");
        assertEquals(List.of(), result.getMessages(), "parser messages");
        assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
    }

    @Test
    void everyParameter_hasDescriptionAndExample() {
        OpenAPI api = parse(false).getOpenAPI();
        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : api.getComponents().getParameters().entrySet()) {
            Parameter p = entry.getValue();
            boolean example = p.getExample() != null || (p.getSchema() != null && p.getSchema().getExample() != null);
            if (p.getDescription() == null || p.getDescription().isBlank() || !example) {
                undocumented.add(entry.getKey());
            }
        }
        assertEquals(List.of(), undocumented, "parameters lacking a description or an example");
        assertEquals(12, api.getPaths().get(Contract.PATH).getGet().getParameters().size(),
                "the twelve documented query parameters (credentials are security schemes)");
    }

    @Test
    void everySchemaAndProperty_hasDescription() {
        OpenAPI api = parse(false).getOpenAPI();
        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : api.getComponents().getSchemas().entrySet()) {
            Schema<?> schema = entry.getValue();
            if (schema.getDescription() == null) {
                undocumented.add(entry.getKey());
            }
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((name, property) -> {
                    if (property.get$ref() == null && property.getDescription() == null) {
                        undocumented.add(entry.getKey() + "." + name);
                    }
                    if (property.get$ref() == null && property.getExample() == null && !"array".equals(property.getType())
                            && !"error".equals(name)) {
                        undocumented.add(entry.getKey() + "." + name + " (example)");
                    }
                });
            }
        }
        assertEquals(List.of(), undocumented, "schemas or properties lacking a description or an example");
    }

    @Test
    void credentials_areDeclaredAsQueryAndHeaderSchemes_eitherSufficing() {
        OpenAPI api = parse(false).getOpenAPI();
        var schemes = api.getComponents().getSecuritySchemes();
        assertEquals("api_key", schemes.get("ApiKeyQuery").getName());
        assertEquals("query", schemes.get("ApiKeyQuery").getIn().toString());
        assertEquals("X-API-Key", schemes.get("ApiKeyHeader").getName());
        assertEquals("header", schemes.get("ApiKeyHeader").getIn().toString());
        // Two requirement objects, one scheme each: OR, not AND. Declared on the
        // operation, where swagger-request-validator looks for them.
        var security = api.getPaths().get(Contract.PATH).getGet().getSecurity();
        assertEquals(2, security.size());
        assertTrue(security.stream().allMatch(r -> r.size() == 1));
    }

    @Test
    void the422Example_namesItsParametersInDeclarationOrder() {
        OpenAPI api = parse(true).getOpenAPI();
        var get = api.getPaths().get(Contract.PATH).getGet();
        List<String> declared = get.getParameters().stream().map(Parameter::getName).toList();
        var example = (com.fasterxml.jackson.databind.JsonNode) get.getResponses().get("422").getContent()
                .get("application/problem+json").getExample();
        List<Integer> positions = new ArrayList<>();
        example.get("errors").forEach(e -> positions.add(declared.indexOf(e.get("parameter").asText())));
        assertTrue(positions.size() >= 2 && !positions.contains(-1), positions.toString());
        assertEquals(positions.stream().sorted().toList(), positions, "errors in the order the operation declares them");
    }

    @Test
    void leapSecondDays_areListedOnceEach_27OfThem() {
        String startTime = parse(false).getOpenAPI().getComponents().getParameters().get("StartTime").getDescription();
        var days = java.util.regex.Pattern.compile("\\b(19|20)\\d\\d-(06-30|12-31)\\b").matcher(startTime).results()
                .map(java.util.regex.MatchResult::group).toList();
        assertEquals(27, days.size(), days.toString());
        assertEquals(27, new java.util.HashSet<>(days).size());
        assertEquals("1972-06-30", days.get(0));
        assertEquals("2016-12-31", days.get(26));
    }

    @Test
    void everyErrorStatus_answersProblemJson() {
        OpenAPI api = parse(true).getOpenAPI();
        var responses = api.getPaths().get(Contract.PATH).getGet().getResponses();
        assertEquals(List.of("200", "403", "422", "429", "500", "503"), new ArrayList<>(responses.keySet()));
        responses.forEach((status, response) -> {
            if (!status.equals("200")) {
                assertTrue(response.getContent().containsKey("application/problem+json"), status);
                assertFalse(response.getContent().containsKey("application/json"), status);
            }
        });
        var retryAfter = responses.get("429").getHeaders().get("Retry-After");
        if (retryAfter.get$ref() != null) {
            String name = retryAfter.get$ref().substring(retryAfter.get$ref().lastIndexOf('/') + 1);
            retryAfter = api.getComponents().getHeaders().get(name);
        }
        assertTrue(Boolean.TRUE.equals(retryAfter.getRequired()), "429 must carry Retry-After");
    }
}
