package dev.runsapi.mock;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds listRuns requests with an exact query string and checks every answer against the contract. */
public final class Api {
  public static final String PATH = "/api/v1/run";

  private final String baseUrl;

  public Api(MockServer server) {
    this.baseUrl = server.url();
  }

  /** A query string, built parameter by parameter and sent exactly as built. */
  public static final class Query {
    private final List<String> pairs = new ArrayList<>();
    private String headerKey;

    public Query with(String name, String value) {
      pairs.add(encode(name) + "=" + encode(value));
      return this;
    }

    public Query raw(String pair) {
      pairs.add(pair);
      return this;
    }

    public Query header(String key) {
      this.headerKey = key;
      return this;
    }

    public String queryString() {
      return String.join("&", pairs);
    }

    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }

  public static Query query() {
    return new Query();
  }

  /** A valid query of acme over the whole of May 2024, with acme's key in the query. */
  public static Query acme() {
    return query()
        .with("api_key", TestServers.ACME_KEY)
        .with("app_id", TestServers.ACME_APP)
        .with("start_time", "2024-05-01T00:00:00Z")
        .with("end_time", "2024-06-01T00:00:00Z");
  }

  public Response get(Query query) {
    RequestSpecification spec = given().urlEncodingEnabled(false);
    if (query.headerKey != null) {
      spec = spec.header("X-API-Key", query.headerKey);
    }
    String url = baseUrl + PATH + (query.pairs.isEmpty() ? "" : "?" + query.queryString());
    return Contract.assertConforms(PATH, spec.get(url));
  }
}
