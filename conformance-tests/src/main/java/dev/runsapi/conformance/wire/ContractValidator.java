package dev.runsapi.conformance.wire;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Validates answers against {@code openapi/runs-api.yaml}, read from the contract artifact on the
 * class path, with swagger-request-validator: documented status, content type, body schema, headers.
 *
 * <p>Properties the contract does not name are allowed (Conventions: "Extra properties"): the validator's
 * {@code additionalProperties} complaint is lowered to a note, and the extra properties seen are kept, with
 * their place (indices of arrays left out), for the report to list.
 */
public final class ContractValidator {
    public static final String CONTRACT_RESOURCE = "openapi/runs-api.yaml";
    static final String ADDITIONAL_PROPERTIES = "validation.response.body.schema.additionalProperties";

    private final OpenApiInteractionValidator validator;
    private final Set<String> extraProperties = new ConcurrentSkipListSet<>();

    public ContractValidator() {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(contractText())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.INFO)
                        .withLevel(ADDITIONAL_PROPERTIES, ValidationReport.Level.INFO)
                        .build())
                .build();
    }

    /** The extra properties seen so far, as "name at /path" (e.g. "projectId at /data/*"), sorted. */
    public Set<String> extraProperties() {
        return new TreeSet<>(extraProperties);
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
        report.getMessages().stream().filter(m -> m.getKey().equals(ADDITIONAL_PROPERTIES)).forEach(m -> {
            String at = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("")
                    .replaceAll("/\\d+", "/*");
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(m.getMessage());
            while (names.find()) {
                extraProperties.add(names.group(1) + " at " + (at.isEmpty() ? "/" : at));
            }
        });
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
