package io.rebound.remediation.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.rebound.ReboundApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The guards' promise in the sandbox, over real HTTP with the stand-in platforms: the same pipeline
 * failing four times in an hour is retried three times and escalated the fourth, naming the guard
 * row; an open circuit breaker escalates the decision itself, before anything calls the platform.
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class GuardsSandboxIntegrationTest {

  private static final Path ADF_ALERT =
      Path.of(
          "src/test/resources/shared/payloads/azure-monitor/"
              + "adf_log_alert_v2_web_2108_gateway_timeout.json");
  private static final String ADF_RUN_ID = "3e9a7c51-0b2d-4f68-8a1e-5d4c3b2a1f0e";
  private static final Path CLUSTER_ALERT =
      Path.of(
          "src/test/resources/shared/payloads/prior-tool/"
              + "09_databricks_cluster_terminated_driver_not_responding.json");

  private static int databricksPort;

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) {
    databricksPort = SandboxPorts.register(registry).databricks();
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:guards-sandbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add(
        "rebound.security.generated-secrets-file", () -> "target/guards-it-secrets.properties");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "100ms");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theFourthFailureOfAPipelineInAnHourEscalatesNamingTheGuardRow() throws Exception {
    String pipeline = "pl_guarded_" + UUID.randomUUID().toString().substring(0, 8);
    for (int failure = 1; failure <= 4; failure++) {
      String body =
          Files.readString(ADF_ALERT)
              .replace(ADF_RUN_ID, UUID.randomUUID().toString())
              .replace("pl_call_partner_api", pipeline);
      assertThat(post("/webhooks/azure-monitor?token=sandbox-webhook-secret", body)).isEqualTo(202);
      int decided = failure;
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> decisionsOf(pipeline).size() == decided);
    }

    List<String> decisions = decisionsOf(pipeline);
    for (String retried : decisions.subList(0, 3)) {
      assertThat(retried)
          .contains("\"remediable\":true")
          .contains("\"action\":\"retry_pipeline\"")
          .doesNotContain("guards.xlsx");
    }
    assertThat(decisions.get(3))
        .contains("\"remediable\":false")
        .contains("\"action\":\"escalate\"")
        .contains("Escalated to a human by a guard: the resource failed 3 times or more")
        .contains("(guards.xlsx, Guards, row 12)");
    // the what-if reads the same state: four failures now, and it accepts a state of its own
    String alert =
        Files.readString(ADF_ALERT)
            .replace(ADF_RUN_ID, UUID.randomUUID().toString())
            .replace("pl_call_partner_api", pipeline);
    String gathered = whatIf("{\"source\": \"azure-monitor\", \"payload\": " + alert + "}");
    assertThat(gathered)
        .contains("\"failuresLastHour\":4")
        .contains("(guards.xlsx, Guards, row 12)");
    String supposed =
        whatIf(
            "{\"source\": \"azure-monitor\", \"state\": {\"failuresLastHour\": 0},"
                + " \"payload\": "
                + alert
                + "}");
    assertThat(supposed)
        .contains("\"failuresLastHour\":0")
        .contains("\"action\":\"retry_pipeline\"")
        .doesNotContain("guards.xlsx");
    assertThat(plansOf(pipeline))
        .containsExactly("retry_pipeline", "retry_pipeline", "retry_pipeline", "escalate");
  }

  @Test
  void anOpenBreakerEscalatesBeforeAnyCallToThePlatform() throws Exception {
    String cluster = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
    String breaker = "databricks:restart_cluster:" + cluster;
    jdbc.sql(
            """
            insert into remediation_breaker (name, state, failure_threshold,
              consecutive_failures, not_permitted_calls, opened_at, last_failure, updated_at)
            values (:n, 'OPEN', 5, 5, 0, :t, 'clusters/restart answered 500', :t)
            """)
        .param("n", breaker)
        .param("t", Timestamp.from(Instant.now()))
        .update();
    WireMock databricks = new WireMock("127.0.0.1", databricksPort);
    databricks.resetRequests();

    String body = Files.readString(CLUSTER_ALERT).replace("test-cluster-123", cluster);
    assertThat(post("/databricks-monitor", body)).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "ESCALATED".equals(incidentStatus(cluster)));
    String decision = decisionOn(cluster);
    assertThat(decision)
        .contains("\"remediable\":false")
        .contains("open breaker: " + breaker)
        .contains("(guards.xlsx, Guards, row 11)");
    assertThat(databricks.find(postRequestedFor(urlPathMatching("/api/2\\.[01]/clusters/.*"))))
        .as("no cluster was restarted, started or resized")
        .isEmpty();
    assertThat(databricks.find(anyRequestedFor(urlPathMatching(".*/clusters/(restart|start).*"))))
        .isEmpty();
  }

  private List<String> decisionsOf(String pipeline) {
    return jdbc.sql(
            "select decision from incident where resource like :r and decision is not null"
                + " order by first_seen")
        .param("r", "%" + pipeline + "%")
        .query(String.class)
        .list();
  }

  private List<String> plansOf(String pipeline) {
    return jdbc.sql(
            """
            select r.action from remediation_decision_row r join incident i
              on i.id = r.incident_id where i.resource like :r order by i.first_seen
            """)
        .param("r", "%" + pipeline + "%")
        .query(String.class)
        .list();
  }

  private String incidentStatus(String cluster) {
    return jdbc.sql("select max(status) from incident where resource like :r")
        .param("r", "%" + cluster + "%")
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private String decisionOn(String cluster) {
    return jdbc.sql("select decision from incident where resource like :r")
        .param("r", "%" + cluster + "%")
        .query(String.class)
        .single();
  }

  private String whatIf(String body) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/decisions/evaluate"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sandbox-operator-token")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  private int post(String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (path.startsWith("/databricks-monitor")) {
      request.header("X-Api-Key", "sandbox-webhook-secret");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
