package dev.runsapi.mock.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error Spring MVC itself raises (unknown path 404, 405, ...) as problem+json, and any
 * unexpected failure as a 500 problem rather than a whitelabel page. The documented endpoint's own
 * errors are answered earlier, by {@link ApiGateFilter}.
 */
@RestControllerAdvice
public class FallbackErrors extends ResponseEntityExceptionHandler {

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Object> unexpected(Exception e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
            "The server failed to answer the request.");
    logger.error("unexpected failure", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .headers(new HttpHeaders())
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
