package dev.runsapi.mock.http;

import static dev.runsapi.mock.query.RunQueryParser.APP_ID;
import static dev.runsapi.mock.query.RunQueryParser.END_TIME;
import static dev.runsapi.mock.query.RunQueryParser.LIMIT;
import static dev.runsapi.mock.query.RunQueryParser.MAX_DURATION;
import static dev.runsapi.mock.query.RunQueryParser.MIN_DURATION;
import static dev.runsapi.mock.query.RunQueryParser.MODELS;
import static dev.runsapi.mock.query.RunQueryParser.ORDER;
import static dev.runsapi.mock.query.RunQueryParser.PAGE;
import static dev.runsapi.mock.query.RunQueryParser.SEARCH;
import static dev.runsapi.mock.query.RunQueryParser.START_TIME;
import static dev.runsapi.mock.query.RunQueryParser.TAGS;
import static dev.runsapi.mock.query.RunQueryParser.TYPE;

import dev.runsapi.mock.query.RunQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request as Spring MVC sees it behind {@link ApiGateFilter}: the validated query's values written
 * in a form Spring converts without fail, and an Accept header that JSON satisfies. Should anything
 * bind the generated {@code RunsApi} signature (OffsetDateTime, Integer, ...) from the parameters
 * rather than from the query ({@link ListRunsArguments}), Spring would never answer a 400 of its own.
 */
final class CanonicalParameters extends HttpServletRequestWrapper {
  private static final String ACCEPT = "application/json";

  private final RunQuery query;
  /** Made on first read: listRuns' arguments come from the query itself ({@link ListRunsArguments}). */
  private Map<String, String[]> parameters;

  CanonicalParameters(HttpServletRequest request, RunQuery query) {
    super(request);
    this.query = query;
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      parameters = render(query);
    }
    return parameters;
  }

  private static Map<String, String[]> render(RunQuery query) {
    Map<String, String[]> p = new LinkedHashMap<>();
    p.put(APP_ID, new String[] {query.appId()});
    p.put(START_TIME, new String[] {time(query.startInclusive())});
    p.put(END_TIME, new String[] {time(query.endInclusive())});
    if (query.search() != null) {
      p.put(SEARCH, new String[] {query.search()});
    }
    if (!query.models().isEmpty()) {
      p.put(MODELS, query.models().toArray(String[]::new));
    }
    if (!query.tags().isEmpty()) {
      p.put(TAGS, query.tags().toArray(String[]::new));
    }
    if (!query.types().isEmpty()) {
      p.put(TYPE, query.types().toArray(String[]::new));
    }
    putDecimal(p, MIN_DURATION, query.minDuration());
    putDecimal(p, MAX_DURATION, query.maxDuration());
    p.put(LIMIT, new String[] {Integer.toString(query.limit())});
    p.put(PAGE, new String[] {Integer.toString(query.page())});
    p.put(ORDER, new String[] {query.order().name().toLowerCase(Locale.ROOT)});
    return Collections.unmodifiableMap(p);
  }

  private static String time(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }

  private static void putDecimal(Map<String, String[]> p, String name, BigDecimal value) {
    if (value != null) {
      p.put(name, new String[] {value.toPlainString()});
    }
  }

  /** listRuns answers JSON whatever the client accepts: the contract negotiates nothing. */
  @Override
  public String getHeader(String name) {
    return "Accept".equalsIgnoreCase(name) ? ACCEPT : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return "Accept".equalsIgnoreCase(name)
        ? Collections.enumeration(List.of(ACCEPT))
        : super.getHeaders(name);
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }
}
