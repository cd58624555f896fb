package dev.runsapi.conformance.wire;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Validates answers against {@code openapi/runs-api.yaml}, read from the contract artifact on the
 * class path, with swagger-request-validator: documented status, content type, body schema, headers.
 */
public final class ContractValidator {
    public static final String CONTRACT_RESOURCE = "openapi/runs-api.yaml";

    private final OpenApiInteractionValidator validator;

    public ContractValidator() {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(contractText()).build();
    }

    public static String contractText() {
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(CONTRACT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract's complaints about this answer; empty when it conforms. */
    public List<String> validate(ApiResponse response) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(response.status());
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            b.withHeader(h.getKey(), h.getValue());
        }
        if (response.body() != null && !response.body().isEmpty()) {
            b.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(ApiRequest.PATH, Request.Method.GET, b.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
