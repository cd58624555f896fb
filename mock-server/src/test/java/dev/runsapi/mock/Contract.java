package dev.runsapi.mock;

import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks answers against the contract, loaded from the classpath resource the mock serves. Only
 * responses are checked: many tests send requests the contract rejects on purpose.
 */
public final class Contract {
  public static final String RESOURCE = "openapi/runs-api.yaml";
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForInlineApiSpecification(text())
          .withLevelResolver(
              LevelResolver.create()
                  .withLevel("validation.request", ValidationReport.Level.IGNORE)
                  .build())
          .build();

  private Contract() {}

  public static String text() {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails unless the answer to GET {@code path} is one the contract allows, and returns it. */
  public static Response assertConforms(String path, Response response) {
    SimpleResponse.Builder builder =
        SimpleResponse.Builder.status(response.statusCode()).withBody(response.asString());
    response.headers().forEach(h -> builder.withHeader(h.getName(), h.getValue()));
    check(path, response.statusCode(), builder, response.asString());
    return response;
  }

  public static RawHttp.Answer assertConforms(String path, RawHttp.Answer answer) {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(answer.status()).withBody(answer.body());
    answer.headers().forEach(builder::withHeader);
    check(path, answer.status(), builder, answer.body());
    return answer;
  }

  private static void check(String path, int status, SimpleResponse.Builder builder, String body) {
    ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.GET, builder.build());
    if (report.hasErrors()) {
      fail("answer " + status + " breaks the contract: " + report.getMessages() + "\n" + body);
    }
  }
}
