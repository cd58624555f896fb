package dev.runsapi.mock.http;

import dev.runsapi.mock.store.StoreUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error Spring MVC itself raises (unknown path 404, 405, ...) as the contract's problem+json,
 * and any unexpected failure as a 500 problem rather than a whitelabel page. The documented
 * endpoint's own errors are answered earlier, by {@link ApiGateFilter}.
 */
@RestControllerAdvice
public class FallbackErrors extends ResponseEntityExceptionHandler {

  /** The run store is out of reach (the database is down): the contract's 503, and try again. */
  @ExceptionHandler(StoreUnavailableException.class)
  public ResponseEntity<Object> unavailable(StoreUnavailableException e, WebRequest request) {
    logger.warn(e.getMessage());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "1");
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The run store is unreachable.");
    return createResponseEntity(detail, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    logger.error("unexpected failure", e);
    return createResponseEntity(null, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    int status = statusCode.value();
    String detail =
        body instanceof ProblemDetail problem && problem.getDetail() != null
            ? problem.getDetail()
            : status >= 500 ? "The server failed to answer the request." : ProblemResponses.title(status) + ".";
    String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemResponses.problem(status, detail, path));
  }
}
