package dev.runsapi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.client.ApiException;
import dev.runsapi.mock.junit.RunsMock;
import dev.runsapi.mock.junit.RunsMockTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against a mock that fails every answer, the loop stops after its attempts and says why. */
@RunsMockTest(runs = 10, failRate = 1)
class RetryGivesUpTest {
  @Test
  void listRuns_everyAnswerFailing_throwsTheLastErrorAfterMaxAttempts(RunsMock mock) {
    List<Duration> waits = new ArrayList<>();
    RetryingRuns runs = Clients.retrying(mock, mock.apiKey(), 3, waits);
    ApiException e = assertThrows(ApiException.class,
        () -> runs.listRuns(Clients.may2024(mock).build()));
    assertTrue(e.getCode() == 500 || e.getCode() == 503, "code " + e.getCode());
    assertEquals(3, runs.statuses().size(), runs.statuses()::toString);
    assertEquals(2, waits.size());
    for (int i = 0; i < 2; i++) {
      // 503 says Retry-After: 1 (the contract's header); 500 carries none: the fallback.
      Duration expected = runs.statuses().get(i) == 503 ? Duration.ofSeconds(1) : Clients.FALLBACK_WAIT;
      assertEquals(expected, waits.get(i), "wait after " + runs.statuses().get(i));
    }
  }
}
