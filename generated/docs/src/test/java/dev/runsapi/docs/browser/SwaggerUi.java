package dev.runsapi.docs.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What a reader does on a Swagger UI page (the static page and the mock's /docs): its buttons and panes. */
public final class SwaggerUi {
  private final HeadlessChromium chromium;

  public SwaggerUi(HeadlessChromium chromium) {
    this.chromium = chromium;
  }

  /** "Authorize": {@code key} for the security scheme named {@code scheme}, then close the dialog. */
  public void authorize(String scheme, String key) {
    chromium.visible(By.cssSelector(".auth-wrapper button.authorize")).click();
    WebElement container = chromium.await(d -> d.findElements(By.cssSelector(".auth-container")).stream()
        .filter(c -> c.findElement(By.tagName("h4")).getText().startsWith(scheme + " "))
        .findFirst().orElse(null));
    container.findElement(By.tagName("input")).sendKeys(key);
    container.findElement(By.cssSelector("button.authorize")).click();
    chromium.visible(By.cssSelector(".modal-ux button.btn-done")).click();
  }

  /** "Try it out", then "Execute", with the values the page filled in. */
  public void tryItOutAndExecute() {
    chromium.visible(By.cssSelector("button.try-out__btn")).click();
    chromium.visible(By.cssSelector("button.execute")).click();
  }

  /** The "Request URL" shown after "Execute". */
  public String requestUrl() {
    return chromium.visible(By.cssSelector(".request-url pre")).getText().strip();
  }

  /** The curl shown after "Execute". */
  public String curl() {
    return chromium.visible(By.cssSelector(".curl-command pre.curl")).getText();
  }
}
