package dev.runsapi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.runsapi.mock.junit.RunsMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same --fail-seed gives the same fates, so a test of a retry loop is repeatable. */
class FailSeedDeterminismTest {
  @RegisterExtension
  static RunsMockExtension first = RunsMockExtension.builder().runs(50).failRate(0.5).failSeed(5).build();

  @RegisterExtension
  static RunsMockExtension twin = RunsMockExtension.builder().runs(50).failRate(0.5).failSeed(5).build();

  private static List<Integer> statusesOf(RunsMockExtension mock) throws Exception {
    RetryingRuns runs = Clients.retrying(mock.runsMock(), mock.runsMock().apiKey(), 20, new ArrayList<Duration>());
    for (int i = 0; i < 8; i++) {
      runs.listRuns(Clients.may2024(mock.runsMock()).limit(1).page(i).build());
    }
    return runs.statuses();
  }

  @Test
  void twoMocks_sameFailSeed_failTheSameRequests() throws Exception {
    assertNotEquals(first.runsMock().port(), twin.runsMock().port());
    List<Integer> fromFirst = statusesOf(first);
    assertEquals(fromFirst, statusesOf(twin));
  }
}
