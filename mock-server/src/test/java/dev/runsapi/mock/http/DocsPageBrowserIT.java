package dev.runsapi.mock.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.docs.browser.HeadlessChromium;
import dev.runsapi.docs.browser.SwaggerUi;
import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.TestServers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.Select;

/**
 * The mock's /docs page as a reader uses it, in headless Chromium: the test tenants are on the
 * page, "Authorize" takes a key once, and "Try it out" runs the example query against this very
 * server, never anywhere else.
 */
class DocsPageBrowserIT {

  @Test
  void tryItOut_afterAuthorize_answersRunsFromThisServerAndNothingLeavesLoopback() {
    try (MockServer server = TestServers.start(); HeadlessChromium chromium = HeadlessChromium.start()) {
      chromium.open(server.url() + "/docs");

      // The tenants the ready line names are on the page.
      WebElement firstTenant = chromium.visible(By.cssSelector("#mock-tenants tbody tr"));
      List<WebElement> cells = firstTenant.findElements(By.tagName("td"));
      String app = cells.get(1).findElement(By.tagName("code")).getText();
      String key = cells.get(2).findElement(By.tagName("code")).getText();
      assertTrue(server.readyLine().contains(" app_id=" + app + " api_key=" + key), server.readyLine());
      assertTrue(chromium.driver().findElement(By.id("mock-tenants")).getText()
          .contains(TestServers.GLOBEX_KEY), "the other tenant's key too");

      // The first server offered is this one.
      Select servers = new Select(chromium.visible(By.cssSelector(".servers select")));
      assertEquals(server.url(), servers.getFirstSelectedOption().getAttribute("value"));

      SwaggerUi ui = new SwaggerUi(chromium);
      ui.authorize("ApiKeyHeader", key);
      chromium.visible(By.cssSelector(".opblock-summary-control")).click();
      ui.tryItOutAndExecute();

      WebElement status = chromium.visible(By.cssSelector(".live-responses-table tbody .response-col_status"));
      assertEquals("200", status.getText().strip());
      String requestUrl = ui.requestUrl();
      assertTrue(requestUrl.startsWith(server.url() + "/api/v1/run?app_id=" + app + "&"), requestUrl);
      String curl = ui.curl();
      assertTrue(curl.contains("X-API-Key: " + key), curl);

      String body = chromium.visible(By.cssSelector(".live-responses-table .response-col_description pre"))
          .getText();
      Map<String, Object> page = new Json().toType(body, Json.MAP_TYPE);
      assertFalse(((List<?>) page.get("data")).isEmpty(), "runs in: " + body);

      List<String> network = chromium.networkRequests();
      assertTrue(network.stream().anyMatch(url -> url.startsWith(server.url() + "/api/v1/run?")), network.toString());
      for (String url : network) {
        assertEquals("127.0.0.1", URI.create(url).getHost(), "a request left 127.0.0.1: " + url);
      }
    }
  }
}
