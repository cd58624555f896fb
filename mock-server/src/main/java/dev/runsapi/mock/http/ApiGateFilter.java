package dev.runsapi.mock.http;

import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.config.Tenant;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.ParsedQuery;
import dev.runsapi.mock.query.RawQuery;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunQueryParser;
import dev.runsapi.server.api.RunsApi;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything listRuns decides before it reads runs, on the raw request and in the contract's
 * order: 429 rate limit, 403 credentials, 422 every bad parameter, 403 app not readable. Spring's
 * argument binding would convert (and reject) parameters in its own way before a controller runs,
 * so this happens in a filter; the controller gets the validated {@link RunQuery}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiGateFilter extends OncePerRequestFilter {
  static final String QUERY_ATTRIBUTE = RunQuery.class.getName();
  static final String API_KEY_PARAMETER = "api_key";
  static final String API_KEY_HEADER = "X-API-Key";

  private final MockSetup setup;
  private final Defects defects;
  private final ProblemResponses problems;
  private final RateLimiter rateLimiter;
  private final FaultInjector faults;
  private final RunQueryParser parser;

  public ApiGateFilter(MockSetup setup, JsonMapper json) {
    this.setup = setup;
    this.defects = setup.defects();
    this.problems = new ProblemResponses(json, defects);
    this.rateLimiter = new RateLimiter(setup.settings().rateLimit());
    this.faults = new FaultInjector(setup.settings().failRate(), setup.settings().failSeed());
    this.parser = new RunQueryParser(defects);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !RunsApi.PATH_LIST_RUNS.equals(request.getServletPath());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD");
      problems.write(request, response, 405, "Only GET is defined on " + RunsApi.PATH_LIST_RUNS + ".");
      return;
    }
    pause();
    RawQuery raw = RawQuery.parse(request.getQueryString(), defects.has(Defect.PERCENT_UTF8_REPLACED));
    Credentials credentials = Credentials.of(raw.all(API_KEY_PARAMETER), request, API_KEY_HEADER);
    if (defects.has(Defect.QUERY_KEY_WINS) && credentials.ambiguous() && !raw.all(API_KEY_PARAMETER).isEmpty()) {
      credentials = new Credentials(Set.of(credentials.key())); // the query's key comes first
    }

    long retryAfter = rateLimiter.retryAfterSeconds(rateKey(credentials, request), System.currentTimeMillis());
    if (retryAfter > 0) {
      if (!defects.has(Defect.NO_RETRY_AFTER)) {
        response.setHeader("Retry-After", Long.toString(retryAfter));
      }
      problems.write(request, response, 429, "Rate limit of " + setup.settings().rateLimit()
          + " requests per second exceeded; retry after " + retryAfter + " s.");
      return;
    }

    ParsedQuery parsed = null;
    if (defects.has(Defect.VALIDATION_BEFORE_AUTH)) {
      parsed = parser.parse(raw);
      if (!parsed.isValid()) {
        problems.writeInvalid(request, response, parsed.problems());
        return;
      }
    }
    Optional<String> refusal = credentials.refusal();
    Tenant tenant = null;
    if (refusal.isEmpty()) {
      tenant = setup.tenants().byKey(credentials.key()).orElse(null);
      if (tenant == null) {
        refusal = Optional.of("The API key is not known.");
      }
    }
    if (refusal.isPresent()) {
      if (defects.has(Defect.MISSING_KEY_500) && !credentials.ambiguous()) {
        problems.write(request, response, 500, "The server failed to answer the request.");
      } else {
        problems.write(request, response, 403, refusal.get());
      }
      return;
    }
    if (parsed == null) {
      parsed = parser.parse(raw);
      if (!parsed.isValid()) {
        problems.writeInvalid(request, response, parsed.problems());
        return;
      }
    }
    RunQuery query = parsed.query();
    if (!mayRead(tenant, query.appId())) {
      problems.write(request, response, 403,
          "The API key may not read app \"" + query.appId() + "\" (or it does not exist).");
      return;
    }
    int failure = faults.nextFailure();
    if (failure != 0) {
      if (failure == 503) {
        response.setHeader("Retry-After", "1");
      }
      problems.write(request, response, failure, failure == 503
          ? "The server cannot answer for now (a failure injected by --fail-rate)."
          : "The server failed to answer the request (a failure injected by --fail-rate).");
      return;
    }
    request.setAttribute(QUERY_ATTRIBUTE, query);
    chain.doFilter(new CanonicalParameters(request, query), response);
  }

  /**
   * What the rate limit counts by: a known key, else the client address. A request with no key,
   * an unknown key or two different keys counts against its address, so that a flood of bad
   * requests is throttled even when every request makes up a new key.
   */
  private String rateKey(Credentials credentials, HttpServletRequest request) {
    if (credentials.keys().size() == 1 && setup.tenants().byKey(credentials.key()).isPresent()) {
      return "key " + credentials.key();
    }
    return "address " + request.getRemoteAddr();
  }

  private boolean mayRead(Tenant tenant, String app) {
    if (tenant.apps().contains(app)) {
      return true;
    }
    return defects.has(Defect.TENANT_LEAK) && setup.store().hasApp(app);
  }

  private void pause() {
    long millis = setup.settings().latencyMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The API key(s) a request carries, in the query and in the header. */
  record Credentials(Set<String> keys) {
    static Credentials of(List<String> queryValues, HttpServletRequest request, String header) {
      Set<String> keys = new LinkedHashSet<>();
      for (String value : queryValues) {
        keys.add(RawQuery.isUndecodable(value) ? "" : value);
      }
      keys.addAll(Collections.list(request.getHeaders(header)));
      return new Credentials(keys);
    }

    boolean ambiguous() {
      return keys.size() > 1;
    }

    String key() {
      return keys.iterator().next();
    }

    /** Why the credentials alone are refused, before looking the key up. */
    Optional<String> refusal() {
      if (keys.isEmpty()) {
        return Optional.of("No API key was given; send it as the api_key query parameter or the "
            + "X-API-Key header.");
      }
      if (ambiguous()) {
        return Optional.of("Two different API keys were given (api_key and X-API-Key must be "
            + "equal when both are sent).");
      }
      return Optional.empty();
    }
  }
}
