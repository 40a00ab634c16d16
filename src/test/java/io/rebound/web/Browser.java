package io.rebound.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so that
 * Selenium never tries to download a browser (there is no network in CI). Missing binaries fail the
 * test with what to install: a browser test that skips itself proves nothing.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("rebound.test.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getProperty("rebound.test.chromedriver", "/usr/bin/chromedriver");

  final ChromeDriver driver;
  private String base;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** The service's port, known only once Spring has started it (after the browser). */
  void port(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  static Browser start(int width, int height) {
    return start(CHROMIUM, CHROMEDRIVER, width, height);
  }

  static Browser start(String chromium, String chromedriver, int width, int height) {
    for (String binary : new String[] {chromium, chromedriver}) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new IllegalStateException(
            binary
                + " is missing: the dashboard's browser tests need Debian's Chromium and its"
                + " driver. Install them with: apt-get install -y chromium chromium-driver"
                + " (or point -Drebound.test.chromium / -Drebound.test.chromedriver at them).");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-extensions",
        "--no-first-run",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  void open(String hashPath) {
    driver.get(base + "/" + hashPath);
  }

  /** Navigates inside the page (hash route), as clicking a link would. */
  void go(String hashPath) {
    ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0];", hashPath);
  }

  /** Waits for a condition; the page re-renders its live parts, so a stale element is retried. */
  <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The text of an element, read again if a live refresh replaced it meanwhile. */
  String textOf(By by) {
    return waitFor(Duration.ofSeconds(20), d -> d.findElement(by).getText());
  }

  WebElement waitFor(By by) {
    return waitFor(
        Duration.ofSeconds(20),
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** Signs in through the form, starting from no session whatever a failed test left behind. */
  void signIn(String token) {
    open("");
    driver.manage().deleteAllCookies();
    open("");
    WebElement field = waitFor(By.id("token"));
    field.sendKeys(token);
    driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    waitFor(By.id("who"));
    waitFor(Duration.ofSeconds(20), d -> !d.findElement(By.id("who")).getText().isBlank());
  }

  void signOut() {
    driver.findElement(By.id("sign-out")).click();
    waitFor(By.id("token"));
  }

  /** Runs the page's own api() helper (session cookie + CSRF header) and returns its status. */
  Object statusOf(String method, String path, String jsonBody) {
    return ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "api(arguments[0], arguments[1], arguments[2] === null ? undefined"
                + " : JSON.parse(arguments[2])).then(() => done(200), e => done(e.status));",
            method,
            path,
            jsonBody);
  }

  byte[] screenshot() {
    return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
