package io.rebound.remediation.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.ReboundApplication;
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
  static void ports(DynamicPropertyRegistry registry) {
    SandboxPorts.register(registry);
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
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/databricks-monitor"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", "sandbox-webhook-secret")
                .POST(
                    HttpRequest.BodyPublishers.ofFile(
                        Path.of(
                            "src/test/resources/shared/payloads/prior-tool/"
                                + "09_databricks_cluster_terminated_driver_not_responding.json")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
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

  private String incidents() throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
                .header("Authorization", "Bearer sandbox-viewer-token")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
