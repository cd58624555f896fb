package dev.runsapi.example;

import dev.runsapi.client.ApiClient;
import dev.runsapi.client.api.RunsApi;
import dev.runsapi.client.api.RunsApi.APIListRunsRequest;
import dev.runsapi.mock.junit.RunsMock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** The generated client pointed at a mock, and a retrying wrapper whose waits are only recorded. */
final class Clients {
  static final Duration FALLBACK_WAIT = Duration.ofMillis(200);
  static final Duration MAX_WAIT = Duration.ofSeconds(2);

  private Clients() {}

  static RunsApi api(RunsMock mock, String apiKey) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(mock.url());
    client.setRequestInterceptor(request -> request.header("X-API-Key", apiKey));
    return new RunsApi(client);
  }

  static RetryingRuns retrying(RunsMock mock, String apiKey, int maxAttempts, List<Duration> waits) {
    return new RetryingRuns(api(mock, apiKey), maxAttempts, FALLBACK_WAIT, MAX_WAIT, waits::add);
  }

  /** The first app's runs of May 2024 (the built-in dataset's month). */
  static APIListRunsRequest.Builder may2024(RunsMock mock) {
    return APIListRunsRequest.newBuilder().appId(mock.appId())
        .startTime(OffsetDateTime.parse("2024-05-01T00:00:00Z"))
        .endTime(OffsetDateTime.parse("2024-06-01T00:00:00Z"));
  }
}
