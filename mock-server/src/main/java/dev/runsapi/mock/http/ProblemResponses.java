package dev.runsapi.mock.http;

import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.ParameterProblem;
import dev.runsapi.server.model.ParameterError;
import dev.runsapi.server.model.Problem;
import dev.runsapi.server.model.ValidationProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes the contract's {@code application/problem+json} answers (RFC 9457). */
final class ProblemResponses {
  static final String PROBLEM_JSON = "application/problem+json";

  private final JsonMapper json;
  private final Defects defects;

  ProblemResponses(JsonMapper json, Defects defects) {
    this.json = json;
    this.defects = defects;
  }

  static String title(int status) {
    if (status == 422) {
      return "Unprocessable Content";
    }
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error" : known.getReasonPhrase();
  }

  static Problem problem(int status, String detail, String instance) {
    return new Problem("about:blank", title(status), status, detail).instance(instance);
  }

  void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    send(response, status, json.valueToTree(problem(status, detail, request.getRequestURI())));
  }

  /** The 422 listing every offending parameter (or what a validation defect makes of it). */
  void writeInvalid(
      HttpServletRequest request, HttpServletResponse response, List<ParameterProblem> problems)
      throws IOException {
    ValidationProblem body =
        new ValidationProblem("about:blank", title(422), ValidationProblem.StatusEnum.NUMBER_422,
            detail(problems),
            problems.stream().map(p -> new ParameterError(p.parameter(), p.message())).toList())
            .instance(request.getRequestURI());
    ObjectNode tree = json.valueToTree(body);
    int status = 422;
    if (defects.has(Defect.VALIDATION_400)) {
      status = 400;
      tree.put("status", status);
      tree.put("title", title(status));
    }
    if (defects.has(Defect.ERROR_BODY_UNNAMED)) {
      tree.remove("errors");
    }
    send(response, status, tree);
  }

  private static String detail(List<ParameterProblem> problems) {
    if (problems.size() == 1) {
      ParameterProblem only = problems.get(0);
      return "Query parameter " + only.parameter() + " " + only.message() + ".";
    }
    return problems.size() + " query parameters are invalid.";
  }

  private void send(HttpServletResponse response, int status, ObjectNode body) throws IOException {
    response.setStatus(status);
    response.setContentType(PROBLEM_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] bytes = json.writeValueAsBytes(body);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
