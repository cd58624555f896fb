package dev.runsapi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.client.ApiException;
import dev.runsapi.client.model.RunsPage;
import dev.runsapi.mock.junit.RunsMock;
import dev.runsapi.mock.junit.RunsMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retry loop against a mock that fails half of its answers (deterministically: --fail-seed). */
class RetryAgainstFailRateTest {
  /** On an instance field: a fresh mock per test, so each test sees the same fates from its first request. */
  @RegisterExtension
  RunsMockExtension flaky =
      RunsMockExtension.builder().runs(200).failRate(0.5).failSeed(11).build();

  private final List<Duration> waits = new ArrayList<>();

  @Test
  void listRuns_halfTheAnswersFailing_everyPageArrivesWithinItsAttempts(RunsMock mock)
      throws Exception {
    RetryingRuns runs = Clients.retrying(mock, mock.apiKey(), 10, waits);
    for (int page = 0; page < 10; page++) {
      RunsPage answer = runs.listRuns(Clients.may2024(mock).limit(5).page(page).build());
      assertEquals(page, answer.getPage());
      assertEquals(5, answer.getData().size());
    }
    List<Integer> statuses = runs.statuses();
    assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
    assertTrue(statuses.size() > 10, "fail-rate 0.5 failed no request: " + statuses);
    assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 500 || s == 503), statuses::toString);
    assertEquals(statuses.size() - 10, waits.size(), "one wait before each retry");
    assertTrue(waits.stream().allMatch(w -> w.compareTo(Clients.MAX_WAIT) <= 0), waits::toString);
  }

  @Test
  void listRuns_clientErrors_areNotRetried(RunsMock mock) {
    RetryingRuns badRequest = Clients.retrying(mock, mock.apiKey(), 10, waits);
    ApiException invalid = assertThrows(ApiException.class,
        () -> badRequest.listRuns(Clients.may2024(mock).limit(0).build()));
    assertEquals(422, invalid.getCode());
    assertTrue(invalid.getResponseBody().contains("\"limit\""), invalid.getResponseBody());
    assertEquals(List.of(422), badRequest.statuses());

    RetryingRuns wrongKey = Clients.retrying(mock, "no-such-key", 10, waits);
    ApiException forbidden = assertThrows(ApiException.class,
        () -> wrongKey.listRuns(Clients.may2024(mock).build()));
    assertEquals(403, forbidden.getCode());
    assertEquals(List.of(403), wrongKey.statuses());
    assertEquals(List.of(), waits);
  }
}
