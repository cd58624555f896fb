package dev.runsapi.mock.http;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (a request line that is not valid HTTP, say) as problem+json rather
 * than Tomcat's HTML page: the contract wants every 4xx and 5xx to be problem+json, also those
 * answered before the request reaches the application.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    if (status == 400 && tooLarge(throwable != null ? throwable : response.getCoyoteResponse().getErrorException())) {
      // Tomcat answers 400 for both; the contract says 414 for the request line, 431 for the headers
      // (the request line was not read to its end when it has no URI yet)
      status = request.getRequestURI() == null ? 414 : 431;
      response.setStatus(status);
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String detail = status == 400
        ? "The request is not valid HTTP: its request line, path or query string could not be read."
        : status == 414 ? "The request line is longer than this server accepts (64 KiB with the headers)."
        : status == 431 ? "The request's header fields are larger than this server accepts (64 KiB with the request line)."
        : status >= 500 ? "The server failed to answer the request." : ProblemResponses.title(status) + ".";
    String body = "{\"type\":\"about:blank\",\"title\":\"" + ProblemResponses.title(status)
        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    try {
      response.setContentType(ProblemResponses.PROBLEM_JSON);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the answer already started: nothing more to say
    }
  }

  /** Tomcat's "Request header is too large", thrown for the request line and the headers alike. */
  private static boolean tooLarge(Throwable t) {
    return t != null && t.getMessage() != null && t.getMessage().contains("too large");
  }
}
