package dev.runsapi.docs.browser;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, for tests of the documentation
 * pages as a reader sees them. Nothing it loads can leave the machine: every host but 127.0.0.1
 * goes through a proxy on a closed loopback port and fails; {@link #requestedUrls()} lists what
 * the page asked for, so that a test can show it asked for nothing else.
 *
 * <p>Without Chromium the test is skipped, with the reason on standard error, unless the
 * environment variable {@value #REQUIRED_ENV} is {@code required} (as {@code .ci/run} sets it):
 * then it fails.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** {@code required}: a missing Chromium fails the test instead of skipping it. */
  public static final String REQUIRED_ENV = "RUNS_BROWSER_TESTS";

  /** Where every request not for 127.0.0.1 is sent: a loopback port nothing listens on. */
  private static final String DEAD_END_PROXY = "http://127.0.0.1:9";

  private static final Set<String> NETWORK_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp");

  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Selenium warns that it has no DevTools classes for this Chromium's version: these tests use
   * none (the performance log comes through chromedriver). Held here, so that the setting stays.
   */
  private static final Logger SELENIUM_LOG = quiet(Logger.getLogger("org.openqa.selenium"));

  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> requested = new ArrayList<>();

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts Chromium, or skips the calling test (fails it where browser tests are required). */
  public static HeadlessChromium start() {
    Optional<Path> browser = executable("RUNS_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    Optional<Path> chromedriver = executable("RUNS_CHROMEDRIVER", "chromedriver");
    if (browser.isEmpty() || chromedriver.isEmpty()) {
      String reason = "no headless Chromium: " + (browser.isEmpty() ? "chromium" : "chromedriver")
          + " is not on the PATH or where RUNS_CHROMIUM / RUNS_CHROMEDRIVER say"
          + " (Debian: apt-get install -y chromium chromium-driver)";
      if ("required".equals(env(REQUIRED_ENV).orElse(""))) {
        return Assertions.fail(reason + "; " + REQUIRED_ENV + "=required");
      }
      System.err.println("WARNING: browser test SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("runs-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.get().toFile());
    // Root in a container needs --no-sandbox; the background-networking flags keep Chromium from
    // calling home, which this machine's closed network would refuse anyway.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--window-size=1280,2000",
        "--user-data-dir=" + profile,
        "--proxy-server=" + DEAD_END_PROXY, "--proxy-bypass-list=127.0.0.1");
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.get().toFile())
        .usingAnyFreePort()
        .withLogOutput(OutputStream.nullOutputStream())
        .build();
    try {
      return new HeadlessChromium(new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Waits until {@code condition} gives a value other than null or false. */
  public <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  /** The first visible element matching {@code locator}, once there is one. */
  public WebElement visible(By locator) {
    return await(d -> d.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** Every URL the browser asked for since it started (documents, scripts, fetches). */
  public List<String> requestedUrls() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      Map<String, Object> outer = new Json().toType(entry.getMessage(), Json.MAP_TYPE);
      @SuppressWarnings("unchecked")
      Map<String, Object> message = (Map<String, Object>) outer.get("message");
      if ("Network.requestWillBeSent".equals(message.get("method"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) message.get("params");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) params.get("request");
        requested.add((String) request.get("url"));
      }
    }
    return List.copyOf(requested);
  }

  /** The URLs of {@link #requestedUrls()} that go over the network (not file:, data:, chrome: and the like). */
  public List<String> networkRequests() {
    return requestedUrls().stream()
        .filter(url -> NETWORK_SCHEMES.contains(url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(Locale.ROOT)))
        .toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  /** The file the variable {@code variable} names if it is set, else the first of {@code names} on the PATH. */
  private static Optional<Path> executable(String variable, String... names) {
    Optional<String> given = env(variable);
    if (given.isPresent()) {
      return given.map(Path::of).filter(Files::isExecutable);
    }
    return onPath(names);
  }

  private static Optional<Path> onPath(String... names) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is no reason to fail a test
    }
  }
}
