package dev.runsapi.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation starts one mock for the class, with its options, and hands it out everywhere. */
@RunsMockTest(seed = 7, runs = 40, defects = "tenant-leak")
class AnnotatedClassTest {
  static RunsMock staticField;
  static RunsMock beforeAllParameter;
  RunsMock field;

  @BeforeAll
  static void remember(RunsMock mock) {
    beforeAllParameter = mock;
  }

  @Test
  void injection_parametersAndFields_getTheSameRunningMock(RunsMock mock) {
    assertSame(mock, field);
    assertSame(mock, staticField);
    assertSame(mock, beforeAllParameter);
    assertTrue(mock.url().matches("http://127\\.0\\.0\\.1:\\d+"), mock.url());
    assertEquals(mock.url(), "http://127.0.0.1:" + mock.port());
    assertNotEquals(8080, mock.port());
    assertEquals("app-acme", mock.appId());
    assertEquals("key-acme-0001", mock.apiKey());
    assertEquals("app-globex", mock.otherAppId());
    assertEquals("key-globex-0002", mock.otherApiKey());
    assertTrue(mock.readyLine().startsWith("Runs mock server ready on " + mock.url()), mock.readyLine());
  }

  @Test
  void runs_option_sizesTheBuiltInDataset(RunsMock mock) throws Exception {
    assertEquals(40, Http.total(Http.listRuns(mock)));
  }

  @Test
  void defects_option_switchesTheDefectOn(RunsMock mock) throws Exception {
    // A correct mock answers 403: globex's key may not read acme's app.
    assertEquals(200, Http.listRuns(mock, mock.appId(), mock.otherApiKey(), "").statusCode());
  }

  @Nested
  class NestedClass {
    @Test
    void nestedClass_sharesTheEnclosingClassesMock(RunsMock mock) {
      assertSame(staticField, mock);
    }
  }
}
