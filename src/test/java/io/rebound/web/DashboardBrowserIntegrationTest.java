package io.rebound.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.DashboardClient;
import io.rebound.ReboundApplication;
import io.rebound.remediation.TrippedBreakers;
import io.rebound.remediation.sandbox.SandboxPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the service with the sandbox
 * stand-ins: each role signs in through the page; a real ADF alert posted as a webhook goes to
 * RESOLVED on the page; an approver approves a gated production scale-up; an operator resets a
 * tripped breaker; a viewer sees everything and is refused every change; an admin switches
 * automatic actions off and on again through the confirmation. One context, one browser.
 *
 * <p>Each test also saves a screenshot of the page it ends on, to target/screenshots, or to the
 * folder named by -Drebound.screenshots (docs/screenshots refreshes the README's pictures).
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIntegrationTest {

  private static final Duration REMEDIATION = Duration.ofSeconds(120);
  private static final Path SHOTS =
      Path.of(System.getProperty("rebound.screenshots", "target/screenshots"));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SandboxPorts.register(registry);
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:dashboard-browser;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add(
        "rebound.security.generated-secrets-file",
        () -> "target/dashboard-browser/secrets.properties");
    registry.add("rebound.remediation.health-poll-interval", () -> "200ms");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "100ms");
  }

  private static Browser browser;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start(1280, 900);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private Browser browser() {
    browser.port(port);
    return browser;
  }

  private void post(String path, String body) {
    var answer = new DashboardClient(port).send("POST", path, body, Map.of());
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
  }

  private JsonNode api(String path) {
    var answer =
        new DashboardClient(port)
            .send("GET", path, null, Map.of("Authorization", "Bearer sandbox-admin-token"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static void screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      browser.driver.executeScript("window.scrollTo(0, 0)");
      Files.write(SHOTS.resolve(name + ".png"), browser.screenshot());
    } catch (IOException e) {
      throw new IllegalStateException("could not save the screenshot " + name, e);
    }
  }

  @Test
  @Order(1)
  void aRealAlertGoesToResolvedOnTheIncidentPage() throws IOException {
    Browser b = browser();
    b.open("");
    b.waitFor(By.id("token"));
    screenshot("sign-in");
    b.signIn("sandbox-operator-token");
    assertThat(b.driver.findElement(By.id("who")).getText()).contains("operator");

    post(
        "/webhooks/azure-monitor?token=sandbox-webhook-secret",
        Files.readString(
            Path.of(
                "src/test/resources/shared/payloads/azure-monitor/"
                    + "adf_log_alert_v2_web_2108_gateway_timeout.json")));
    b.go("#/incidents");
    // the list polls: the row appears, then turns RESOLVED once the stand-in pipeline reran
    WebElement row =
        b.waitFor(
            REMEDIATION,
            d ->
                d.findElements(By.cssSelector("tr[data-status=RESOLVED]")).stream()
                    .filter(r -> r.getText().contains("GatewayTimeout"))
                    .findFirst()
                    .orElse(null));
    screenshot("incidents");
    row.findElement(By.linkText("GatewayTimeout")).click();

    b.waitFor(By.cssSelector("#incident-status .badge"));
    assertThat(b.textOf(By.id("incident-status"))).isEqualTo("RESOLVED");
    // each reason names its workbook, sheet and row
    WebElement where = b.waitFor(By.cssSelector("#reasons [data-workbook]"));
    assertThat(where.getAttribute("data-workbook")).endsWith(".xlsx");
    assertThat(where.getText()).contains("sheet").contains("row " + where.getAttribute("data-row"));
    // the plan's step with its attempt and the platform's answer
    WebElement step = b.waitFor(By.cssSelector("#plan li[data-step]"));
    assertThat(step.getText())
        .contains("retry_pipeline")
        .contains("succeeded")
        .contains("Attempt 1");
    assertThat(b.textOf(By.id("audit"))).contains("incident.opened").contains("attempt.started");
    // its delivery, with the raw body one click away
    WebElement delivery = b.waitFor(By.cssSelector("#deliveries tr[data-delivery]"));
    delivery.findElement(By.cssSelector("[data-action=show-body]")).click();
    assertThat(b.waitFor(By.cssSelector("#deliveries .raw-body")).getText()).contains("2108");
    String original = delivery.getAttribute("data-delivery");
    delivery.findElement(By.cssSelector("[data-action=replay]")).click();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(api("/api/deliveries").path("items").findValuesAsString("replayOf"))
                    .contains(original));
    b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2400));
    screenshot("incident");
    b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    b.signOut();
  }

  @Test
  @Order(2)
  void anApproverApprovesAGatedProductionScaleUp() {
    post(
        "/webhooks/generic?token=sandbox-webhook-secret",
        """
        {"source": "databricks", "environment": "production", "status": "failed",
         "resourceKind": "cluster", "resource": {"clusterId": "busy-0923-164208-dash1"},
         "codes": {"terminationCode": "AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE",
                   "terminationType": "CLOUD_FAILURE"},
         "errorMessage": "Cluster could not acquire instances: insufficient capacity",
         "failureType": "SystemError"}
        """);
    Browser b = browser();
    b.signIn("sandbox-approver-token");
    await().atMost(REMEDIATION).until(() -> api("/api/approvals").size() == 1);
    b.go("#/approvals");
    WebElement approval = b.waitFor(By.cssSelector("article[data-approval]"));
    assertThat(approval.getText())
        .contains("scale_cluster")
        .contains("approval-gates.xlsx")
        .containsPattern("expires in \\d+ min");
    screenshot("approvals");
    approval.findElement(By.name("reason")).sendKeys("capacity is back in the region, go ahead");
    approval.findElement(By.cssSelector("[data-action=approve]")).click();
    String toast =
        b.waitFor(
            Duration.ofSeconds(20),
            d -> {
              String text = d.findElement(By.id("toast")).getText();
              return text.isBlank() ? null : text;
            });
    assertThat(toast).contains("Approved");
    assertThat(api("/api/approvals?status=approved").toString())
        .contains("capacity is back in the region");

    // after the policy's 60 s backoff the stand-in cluster is resized and comes back RUNNING
    await()
        .atMost(REMEDIATION)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(api("/api/incidents?errorType=DatabricksResourceExhausted").toString())
                    .contains("\"status\":\"RESOLVED\""));
    JsonNode resolved =
        api("/api/incidents?errorType=DatabricksResourceExhausted").path("items").get(0);
    JsonNode audit = api("/api/incidents/" + resolved.path("id").asString()).path("audit");
    assertThat(audit.toString())
        .contains("approval.granted")
        .contains("capacity is back in the region")
        .contains("approver-");
    b.signOut();
  }

  @Test
  @Order(3)
  void anOperatorResetsATrippedBreaker() {
    String name = TrippedBreakers.trip(context, "gitlab", "HTTP 503 from gitlab.example.com");
    Browser b = browser();
    b.signIn("sandbox-operator-token");
    b.go("#/breakers");
    WebElement row = b.waitFor(By.cssSelector("tr[data-breaker='" + name + "'][data-state=OPEN]"));
    assertThat(row.getText()).contains("HTTP 503 from gitlab.example.com");
    screenshot("breakers");
    row.findElement(By.cssSelector("[data-action=reset]")).click();

    b.waitFor(By.cssSelector("tr[data-breaker='" + name + "'][data-state=CLOSED]"));
    assertThat(api("/api/breakers").toString()).contains("\"name\":\"" + name + "\"");
    assertThat(api("/api/breakers").findValues("state").stream().map(JsonNode::asString))
        .doesNotContain("OPEN");
    // the kill switch is for admins: an operator's button is disabled
    assertThat(b.driver.findElement(By.cssSelector("[data-action=kill-off]")).isEnabled())
        .isFalse();
    b.signOut();
  }

  @Test
  @Order(4)
  void aViewerSeesEverythingAndIsRefusedEveryChange() {
    String name = TrippedBreakers.trip(context, "github", "HTTP 502 from api.github.com");
    Browser b = browser();
    b.signIn("sandbox-viewer-token");
    WebElement open = b.waitFor(By.cssSelector("[data-card='Breakers open'] .value"));
    assertThat(open.getText()).isEqualTo("1");
    screenshot("overview");

    b.go("#/breakers");
    WebElement row = b.waitFor(By.cssSelector("tr[data-breaker='" + name + "'][data-state=OPEN]"));
    assertThat(row.findElement(By.cssSelector("[data-action=reset]")).isEnabled()).isFalse();
    assertThat(b.driver.findElement(By.cssSelector("[data-action=kill-off]")).isEnabled())
        .isFalse();
    // the server refuses even when the page is bypassed: same session, same CSRF token
    assertThat(b.statusOf("POST", "/api/breakers/" + name + "/reset", null)).isEqualTo(403L);
    assertThat(b.statusOf("PUT", "/api/remediation/kill-switch", "{\"enabled\":false}"))
        .isEqualTo(403L);
    assertThat(api("/api/remediation/kill-switch").path("actionsAllowed").asBoolean()).isTrue();
    assertThat(api("/api/breakers").toString()).contains("\"state\":\"OPEN\"");

    b.go("#/deliveries");
    b.waitFor(By.cssSelector("#delivery-list tr[data-delivery]"));
    screenshot("deliveries");
    b.signOut();
  }

  @Test
  @Order(5)
  void anAdminSeesThePolicyAndSwitchesActionsOffAndOnWithAConfirmation() {
    Browser b = browser();
    b.signIn("sandbox-admin-token");
    b.go("#/policy");
    WebElement active = b.waitFor(By.cssSelector("tr[data-version] .badge"));
    assertThat(active.getText()).isEqualTo("active");
    assertThat(b.waitFor(By.linkText("playbooks.xlsx")).getAttribute("href"))
        .endsWith("/api/policy/versions/1/files/playbooks.xlsx");
    screenshot("policy");

    // the kill switch asks before it stops everything, and is switched back the same way
    b.go("#/breakers");
    b.waitFor(By.cssSelector("[data-action=kill-off]")).click();
    b.waitFor(By.cssSelector("#kill-switch [data-action=confirm]")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !api("/api/remediation/kill-switch").path("actionsAllowed").asBoolean());
    b.go("#/breakers?again");
    b.waitFor(By.cssSelector("[data-action=kill-on]")).click();
    b.waitFor(By.cssSelector("#kill-switch [data-action=confirm]")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api("/api/remediation/kill-switch").path("actionsAllowed").asBoolean());

    b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    b.go("#/incidents");
    b.waitFor(By.cssSelector("tr[data-incident]"));
    screenshot("phone-incidents");
    b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    b.signOut();
  }
}
