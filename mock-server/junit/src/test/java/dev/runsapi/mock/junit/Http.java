package dev.runsapi.mock.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to a mock, so that the extension's tests need no client SDK. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A window that holds every run of the built-in dataset (May 2024) and of the test files. */
  static final String ALL_TIME = "start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z";

  private Http() {}

  static HttpResponse<String> listRuns(RunsMock mock, String appId, String apiKey, String query)
      throws IOException, InterruptedException {
    URI uri = URI.create(mock.runsUrl() + "?app_id=" + appId + "&" + ALL_TIME + query);
    HttpRequest request = HttpRequest.newBuilder(uri).header("X-API-Key", apiKey)
        .timeout(Duration.ofSeconds(10)).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> listRuns(RunsMock mock) throws IOException, InterruptedException {
    return listRuns(mock, mock.appId(), mock.apiKey(), "&limit=5");
  }

  static long total(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("not a page: " + response.statusCode() + " " + response.body());
    }
    JsonNode page = JSON.readTree(response.body());
    return page.get("total").asLong();
  }
}
