package dev.runsapi.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A data file and one tenant of the test's own instead of the built-in dataset and tenants. */
@RunsMockTest(data = "src/test/resources/three-runs.ndjson", appId = "app-data", apiKey = "key-data")
class DataFileTest {
  @Test
  void dataAndTenant_options_serveTheFilesRunsToThatTenant(RunsMock mock) throws Exception {
    assertEquals("app-data", mock.appId());
    assertEquals("key-data", mock.apiKey());
    assertNull(mock.otherAppId());
    assertNull(mock.otherApiKey());
    HttpResponse<String> page = Http.listRuns(mock, "app-data", "key-data", "&order=asc");
    assertEquals(3, Http.total(page));
    String body = page.body();
    assertTrue(body.indexOf("\"r1\"") < body.indexOf("\"r2\"") && body.indexOf("\"r2\"") < body.indexOf("\"r3\""), body);
  }
}
