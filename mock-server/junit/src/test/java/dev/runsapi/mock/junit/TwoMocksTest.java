package dev.runsapi.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two mocks with different seeds run side by side in one JVM. */
class TwoMocksTest {
  @RegisterExtension
  static RunsMockExtension seedOne = RunsMockExtension.builder().seed(1).runs(30).build();

  @RegisterExtension
  static RunsMockExtension seedTwo = RunsMockExtension.builder().seed(2).runs(30).build();

  @Test
  void twoMocks_differentSeeds_eachServeTheirOwnDataset() throws Exception {
    RunsMock one = seedOne.runsMock();
    RunsMock two = seedTwo.runsMock();
    assertNotEquals(one.port(), two.port());

    HttpResponse<String> fromOne = Http.listRuns(one);
    HttpResponse<String> fromTwo = Http.listRuns(two);
    assertEquals(30, Http.total(fromOne));
    assertEquals(30, Http.total(fromTwo));
    assertNotEquals(fromOne.body(), fromTwo.body(), "different seeds, different runs");
    // Each is deterministic: asked again, the same page.
    assertEquals(fromOne.body(), Http.listRuns(one).body());
    assertEquals(fromTwo.body(), Http.listRuns(two).body());
  }
}
