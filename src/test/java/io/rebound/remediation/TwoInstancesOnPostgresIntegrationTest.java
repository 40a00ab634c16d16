package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentDecided;
import io.rebound.incident.IncidentRecorder;
import io.rebound.policy.Evaluation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two service instances on one real PostgreSQL. 100 incidents are opened on instance A, and each
 * decision is delivered to instance B as well (a duplicated delivery): every incident gets one plan
 * and every attempt reaches the platform exactly once, whichever instance's scheduler runs it.
 */
class TwoInstancesOnPostgresIntegrationTest {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());
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
  void hundredIncidentsOnTwoInstancesActOncePerAttempt() throws Exception {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .willReturn(okJson("{\"run_id\": 555000111, \"number_in_job\": 1}")));
    PLATFORM.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withQueryParam("run_id", equalTo("555000111"))
            .willReturn(
                okJson(
                    RemediationIntegrationTestBase.runBody(555000111, "TERMINATED", "SUCCESS"))));

    List<Evaluation> evaluations = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      evaluations.add(
          Incidents.evaluation(
              Incidents.jobFailure(
                  "0923-1642-pg" + i, Long.toString(1_000_000L + i), Environment.PRODUCTION),
              Incidents.playbook("retry_job", 1, List.of(0), 10, List.of()),
              false));
    }

    ConfigurableApplicationContext a = instance(url);
    ConfigurableApplicationContext b = instance(url);
    ExecutorService deliveries = Executors.newFixedThreadPool(4);
    try {
      IncidentRecorder recorder = a.getBean(IncidentRecorder.class);
      List<Future<IncidentDecided>> opened = new ArrayList<>();
      for (Evaluation evaluation : evaluations) {
        opened.add(
            deliveries.submit(
                () -> {
                  IncidentDecided decided =
                      new IncidentDecided(
                          recorder.record(evaluation, null).incidentId(),
                          evaluation.fact(),
                          evaluation);
                  b.publishEvent(decided);
                  return decided;
                }));
      }
      List<IncidentDecided> decided = new ArrayList<>();
      for (Future<IncidentDecided> f : opened) {
        decided.add(f.get());
      }
      JdbcClient jdbc = a.getBean(JdbcClient.class);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  jdbc.sql("select count(*) from incident where status = 'RESOLVED'")
                          .query(Integer.class)
                          .single()
                      == 100);

      assertThat(jdbc.sql("select count(*) from remediation_plan").query(Integer.class).single())
          .isEqualTo(100);
      assertThat(jdbc.sql("select status from remediation_attempt").query(String.class).list())
          .hasSize(100)
          .containsOnly("SUCCEEDED");
      JsonMapper json = JsonMapper.builder().build();
      List<LoggedRequest> runNows =
          PLATFORM.findAll(postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now")));
      Map<String, Long> perToken =
          runNows.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> json.readTree(r.getBodyAsString()).path("idempotency_token").asString(),
                      Collectors.counting()));
      Map<String, Long> perJob =
          runNows.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> json.readTree(r.getBodyAsString()).path("job_id").asString(),
                      Collectors.counting()));
      assertThat(runNows).hasSize(100);
      assertThat(perToken).hasSize(100).allSatisfy((token, count) -> assertThat(count).isOne());
      assertThat(perJob).hasSize(100).allSatisfy((job, count) -> assertThat(count).isOne());
      assertThat(
              jdbc.sql("select count(*) from audit_event where action = 'attempt.started'")
                  .query(Integer.class)
                  .single())
          .isEqualTo(100);
      assertThat(decided).hasSize(100);
    } finally {
      deliveries.shutdownNow();
      a.close();
      b.close();
    }
  }

  private static ConfigurableApplicationContext instance(String url) {
    return new org.springframework.boot.builder.SpringApplicationBuilder(
            io.rebound.ReboundApplication.class, RemediationTestBeans.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--rebound.databricks.host=" + PLATFORM.baseUrl(),
            "--rebound.databricks.token=dapi-test-token",
            "--rebound.security.generated-secrets-file=target/remediation-pg-secrets.properties",
            "--rebound.remediation.scheduler.polling-interval=50ms",
            "--rebound.remediation.scheduler.threads=4",
            "--rebound.remediation.health-poll-interval=50ms",
            "--rebound.remediation.budget.max-actions-per-day=1000");
  }
}
