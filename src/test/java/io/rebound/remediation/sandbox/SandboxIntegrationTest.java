package io.rebound.remediation.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.ReboundApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newcomer's flow from the README, over real HTTP: start with the sandbox profile, post a real
 * Databricks cluster alert, and the incident ends RESOLVED after the stand-in cluster restarts.
 * Only the ports differ from application-sandbox.yml, so CI never collides with a running sandbox.
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SandboxIntegrationTest {

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) throws IOException {
    int databricks = freePort();
    int management = freePort();
    int login = freePort();
    int github = freePort();
    registry.add("rebound.sandbox.databricks-port", () -> databricks);
    registry.add("rebound.sandbox.azure-management-port", () -> management);
    registry.add("rebound.sandbox.azure-login-port", () -> login);
    registry.add("rebound.sandbox.github-port", () -> github);
    registry.add("rebound.databricks.host", () -> "http://127.0.0.1:" + databricks);
    registry.add("rebound.adf.management-url", () -> "http://127.0.0.1:" + management);
    registry.add("rebound.adf.authority-host", () -> "https://127.0.0.1:" + login);
    registry.add("rebound.github.api-url", () -> "http://127.0.0.1:" + github);
    registry.add(
        "rebound.security.generated-secrets-file", () -> "target/sandbox-it-secrets.properties");
    registry.add("rebound.remediation.health-poll-interval", () -> "200ms");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "100ms");
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPostedClusterAlertEndsResolved() throws Exception {
    HttpResponse<String> accepted =
        post(
            "/databricks-monitor",
            "prior-tool/09_databricks_cluster_terminated_driver_not_responding.json");
    assertThat(accepted.statusCode()).isEqualTo(202);

    await()
        // the shipped policy waits 60 s before restarting a cluster whose driver stopped answering
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(incidents())
                    .contains("\"status\":\"RESOLVED\"")
                    .contains("cluster:test-cluster-123"));
  }

  /**
   * The ADF path signs in through azure-identity against the https stand-in Azure AD (MSAL accepts
   * no other scheme) before it reruns the pipeline; a failed sign-in would escalate instead.
   */
  @Test
  void aPostedDataFactoryAlertIsRerunAfterSigningInToTheStandInAzureAd() throws Exception {
    HttpResponse<String> accepted =
        post(
            "/webhooks/azure-monitor",
            "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json");
    assertThat(accepted.statusCode()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(JsonMapper.builder().build().readTree(incidents()).path("items"))
                    .anySatisfy(
                        incident -> {
                          assertThat(incident.path("resource").asString())
                              .contains("pl_call_partner_api");
                          assertThat(incident.path("status").asString()).isEqualTo("RESOLVED");
                        }));
  }

  /** Posts a shared payload as the alerting platform would, with the sandbox's webhook secret. */
  private HttpResponse<String> post(String path, String payload) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", "sandbox-webhook-secret")
            .POST(
                HttpRequest.BodyPublishers.ofFile(
                    Path.of("src/test/resources/shared/payloads/" + payload)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String incidents() throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
                .header("Authorization", "Bearer sandbox-viewer-token")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
