package dev.runsapi.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The contract as the tests see it: the packaged YAML, one shared validator. */
final class Contract {

    static final String RESOURCE = "openapi/runs-api.yaml";
    static final String PATH = "/api/v1/run";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The validator as every consumer of this contract must configure it: the
     * validator rejects properties a schema does not name unless told not to,
     * while the contract lets servers add properties that clients ignore.
     */
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForSpecificationUrl(url().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build();

    private Contract() {}

    static URL url() {
        URL url = Contract.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the test classpath");
        }
        return url;
    }

    static Path file() {
        try {
            return Path.of(url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text() {
        try {
            return new String(url().openStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of the Runs endpoint with the given query and the key in the query string. */
    static SimpleRequest.Builder get(Map<String, String> query) {
        SimpleRequest.Builder request = SimpleRequest.Builder.get(PATH);
        query.forEach(request::withQueryParam);
        return request;
    }

    static ValidationReport validate(SimpleRequest request) {
        return VALIDATOR.validateRequest(request);
    }

    static ValidationReport validateResponse(int status, String contentType, String body, Map<String, String> headers) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status)
                .withContentType(contentType)
                .withBody(body);
        headers.forEach(response::withHeader);
        return VALIDATOR.validateResponse(PATH, Request.Method.GET, response.build());
    }

    static ValidationReport validateOk(String body) {
        return validateResponse(200, "application/json", body, Map.of());
    }

    /** A deep copy of the contract's corrected example page, to be broken by a test. */
    static ObjectNode documentedPage() {
        try {
            var spec = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text());
            return (ObjectNode) spec.at("/components/examples/DocumentedPage/value").deepCopy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode firstRun(ObjectNode page) {
        return (ObjectNode) page.withArray("data").get(0);
    }
}
