package dev.runsapi.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * When mocks start and stop: fixture classes (nested, so that Surefire does not run them by
 * themselves) run through the JUnit launcher, and what they saw is checked afterwards.
 */
class LifecycleTest {
  static final List<RunsMock> SEEN = new CopyOnWriteArrayList<>();

  private static TestExecutionSummary run(Class<?> fixture) {
    SEEN.clear();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectClass(fixture)).build(), listener);
    return listener.getSummary();
  }

  private static void assertStopped(RunsMock mock) {
    assertThrows(IOException.class, () -> Http.listRuns(mock),
        "the mock on " + mock.url() + " still answers");
  }

  @RunsMockTest(runs = 10)
  static class FailingTestFixture {
    @Test
    void fails(RunsMock mock) throws Exception {
      SEEN.add(mock);
      assertEquals(10, Http.total(Http.listRuns(mock)));
      fail("on purpose");
    }
  }

  @Test
  void annotatedClass_whoseTestFails_hasItsMockStoppedAfterwards() {
    TestExecutionSummary summary = run(FailingTestFixture.class);
    assertEquals(1, summary.getTestsFailedCount());
    assertEquals("on purpose", summary.getFailures().get(0).getException().getMessage());
    assertEquals(1, SEEN.size());
    assertStopped(SEEN.get(0));
  }

  @RunsMockTest(runs = 10)
  static class FailingBeforeAllFixture {
    @BeforeAll
    static void fails(RunsMock mock) {
      SEEN.add(mock);
      throw new IllegalStateException("set-up fails on purpose");
    }

    @Test
    void neverRuns() {}
  }

  @Test
  void annotatedClass_whoseSetUpFails_hasItsMockStoppedAfterwards() {
    TestExecutionSummary summary = run(FailingBeforeAllFixture.class);
    assertEquals(1, summary.getContainersFailedCount());
    assertEquals(1, SEEN.size());
    assertStopped(SEEN.get(0));
  }

  static class PerTestFixture {
    @RegisterExtension
    RunsMockExtension mock = RunsMockExtension.builder().runs(10).failRate(1).failSeed(3).build();

    @Test
    void first(RunsMock injected) throws Exception {
      check(injected);
    }

    @Test
    void second(RunsMock injected) throws Exception {
      check(injected);
    }

    private void check(RunsMock injected) throws Exception {
      assertEquals(mock.runsMock(), injected);
      SEEN.add(injected);
      int status = Http.listRuns(injected).statusCode();
      assertTrue(status == 500 || status == 503, "fail-rate 1 answered " + status);
    }
  }

  @Test
  void instanceFieldExtension_startsAMockPerTestWithItsOptions_andStopsEach() {
    TestExecutionSummary summary = run(PerTestFixture.class);
    assertEquals(2, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
    assertEquals(2, SEEN.size());
    assertNotEquals(SEEN.get(0).port(), SEEN.get(1).port());
    SEEN.forEach(LifecycleTest::assertStopped);
  }

  static class TwoMocksOneFieldFixture {
    @RegisterExtension
    static RunsMockExtension one = RunsMockExtension.builder().runs(10).build();

    @RegisterExtension
    static RunsMockExtension two = RunsMockExtension.builder().runs(10).build();

    static RunsMock ambiguous;

    @Test
    void neverRuns() {}
  }

  @Test
  void twoMocks_andOneFieldForBoth_failTheClassInsteadOfOverwritingIt() {
    TestExecutionSummary summary = run(TwoMocksOneFieldFixture.class);
    assertEquals(1, summary.getContainersFailedCount());
    String message = summary.getFailures().get(0).getException().getMessage();
    assertTrue(message.startsWith("two Runs mocks want the field"), message);
    assertTrue(message.contains("ambiguous"), message);
  }

  @RunsMockTest(defects = "no-such-defect")
  static class BadOptionFixture {
    @Test
    void neverRuns() {}
  }

  @Test
  void badOption_failsTheClassWithTheMocksOwnMessage() {
    TestExecutionSummary summary = run(BadOptionFixture.class);
    assertEquals(1, summary.getContainersFailedCount());
    Throwable failure = summary.getFailures().get(0).getException();
    assertNotNull(failure.getMessage());
    assertTrue(failure.getMessage().contains("no-such-defect"), failure.getMessage());
    assertTrue(failure.getMessage().startsWith("the Runs mock did not start with --port 0"),
        failure.getMessage());
  }
}
