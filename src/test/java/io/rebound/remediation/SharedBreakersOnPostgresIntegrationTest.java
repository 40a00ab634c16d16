package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentRecorder;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances on one real PostgreSQL share their circuit breakers: a breaker one instance opened
 * stops the other from acting, GET /api/breakers answers the same on both, and an instance started
 * after both stopped still finds it open.
 */
class SharedBreakersOnPostgresIntegrationTest {

  static final WireMockServer PLATFORM =
      new WireMockServer(
          com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
  static final String TOKEN = "viewer-token-for-the-breaker-test";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    PLATFORM.start();
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    PLATFORM.stop();
    postgres.close();
  }

  @Test
  void twoInstancesSeeOneBreakerAndARestartKeepsItOpen() throws Exception {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    String cluster = "0923-164208-shared01";
    RemediationIntegrationTestBase.stubTerminatedCluster(
        PLATFORM,
        cluster,
        100,
        RemediationIntegrationTestBase.databricksError(500, "INTERNAL_ERROR"),
        "RUNNING");
    String breaker = "databricks:restart_cluster:" + cluster;
    // opens after 2 failures; the platform breaker (5) stays closed
    Playbook playbook =
        new Playbook(
            "restart_cluster", 5, List.of(0), 10, true, null, List.of(), null, 2, List.of());

    ConfigurableApplicationContext a = instance(url);
    ConfigurableApplicationContext b = instance(url);
    try {
      UUID first = record(a, cluster, playbook, 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "ESCALATED".equals(RestartResumeIntegrationTest.status(a, first)));
      RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 2);

      JsonNode onA = breakers(a);
      JsonNode onB = breakers(b);
      assertThat(onB).isEqualTo(onA);
      JsonNode opened = find(onB, breaker);
      assertThat(opened.path("state").asString()).isEqualTo("OPEN");
      assertThat(opened.path("failedCalls").asInt()).isEqualTo(2);
      assertThat(opened.path("failureThreshold").asInt()).isEqualTo(2);
      assertThat(opened.path("lastFailure").asString()).contains("HTTP 500");

      // the other instance does not call the platform while the breaker is open
      UUID second = record(b, cluster, playbook, 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "ESCALATED".equals(RestartResumeIntegrationTest.status(b, second)));
      assertThat(CrashReconciliationIntegrationTest.reason(b, second))
          .contains("Circuit breaker " + breaker + " is open");
      RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 2);
    } finally {
      a.close();
      b.close();
    }

    ConfigurableApplicationContext c = instance(url);
    try {
      JsonNode afterRestart = find(breakers(c), breaker);
      assertThat(afterRestart.path("state").asString()).isEqualTo("OPEN");
      UUID third = record(c, cluster, playbook, 3);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "ESCALATED".equals(RestartResumeIntegrationTest.status(c, third)));
      assertThat(CrashReconciliationIntegrationTest.reason(c, third))
          .contains("Circuit breaker " + breaker + " is open");
      RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 2);
    } finally {
      c.close();
    }
  }

  private static UUID record(
      ConfigurableApplicationContext context, String cluster, Playbook playbook, int n) {
    // a job of its own per incident: the incident module folds failures of one job together
    Evaluation evaluation =
        Incidents.evaluation(
            Incidents.jobFailure(cluster, Long.toString(77_000_000L + n), Environment.PRODUCTION),
            playbook,
            false);
    return context.getBean(IncidentRecorder.class).record(evaluation, null).incidentId();
  }

  private static JsonNode breakers(ConfigurableApplicationContext context) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/breakers"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.isArray()).isTrue();
    return body;
  }

  private static JsonNode find(JsonNode breakers, String name) {
    for (JsonNode b : breakers) {
      if (name.equals(b.path("name").asString())) {
        assertThat(b.has("notPermittedCalls")).isTrue();
        assertThat(b.has("openedAt")).isTrue();
        return b;
      }
    }
    throw new AssertionError("no breaker " + name + " in " + breakers);
  }

  private static ConfigurableApplicationContext instance(String url) {
    return new SpringApplicationBuilder(
            io.rebound.ReboundApplication.class, RemediationTestBeans.class)
        .run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--rebound.security.api-tokens=viewer:" + TOKEN,
            "--rebound.databricks.host=" + PLATFORM.baseUrl(),
            "--rebound.databricks.token=dapi-test-token",
            "--rebound.security.generated-secrets-file=target/remediation-breakers-secrets.properties",
            "--rebound.remediation.scheduler.polling-interval=50ms",
            "--rebound.remediation.health-poll-interval=50ms");
  }
}
