package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two service instances on one real PostgreSQL, each receiving every one of 100 decisions (a
 * duplicated delivery to both): every incident gets one plan and every attempt reaches the platform
 * exactly once, whichever instance's scheduler picks it.
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
    PLATFORM.stubFor(post(urlPathEqualTo("/api/2.1/clusters/restart")).willReturn(okJson("{}")));
    PLATFORM.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/2.1/clusters/get"))
            .willReturn(okJson(RemediationIntegrationTestBase.clusterBody("shared", "RUNNING"))));
    PLATFORM.stubFor(post(anyUrl()).atPriority(10).willReturn(okJson("{}")));

    List<IncidentDecided> decisions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      decisions.add(
          Incidents.decided(
              Incidents.clusterFailure("0923-1642-pg" + i, Environment.PRODUCTION),
              Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of())));
    }

    ConfigurableApplicationContext a = instance(url);
    ConfigurableApplicationContext b = instance(url);
    ExecutorService deliveries = Executors.newFixedThreadPool(4);
    try {
      for (IncidentDecided decided : decisions) {
        deliveries.submit(() -> a.publishEvent(decided));
        deliveries.submit(() -> b.publishEvent(decided));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  decisions.stream()
                      .allMatch(d -> "RESOLVED".equals(RecordingIncidents.state(d.incidentId()))));

      JdbcClient jdbc = a.getBean(JdbcClient.class);
      assertThat(jdbc.sql("select count(*) from remediation_plan").query(Integer.class).single())
          .isEqualTo(100);
      assertThat(
              jdbc.sql("select status || ' ' || coalesce(detail, '') from remediation_attempt")
                  .query(String.class)
                  .list())
          .hasSize(100)
          .allSatisfy(row -> assertThat(row).startsWith("SUCCEEDED"));
      List<LoggedRequest> restarts =
          PLATFORM.findAll(postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart")));
      Map<String, Long> perKey =
          restarts.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.getHeader("X-Rebound-Idempotency-Key"), Collectors.counting()));
      Map<String, Long> perCluster =
          restarts.stream()
              .collect(
                  Collectors.groupingBy(LoggedRequest::getBodyAsString, Collectors.counting()));
      assertThat(restarts).hasSize(100);
      assertThat(perKey).hasSize(100).allSatisfy((key, count) -> assertThat(count).isOne());
      assertThat(perCluster).hasSize(100).allSatisfy((body, count) -> assertThat(count).isOne());

      // both instances did work: the shared table spread it, not one instance doing it all
      List<String> pickedBy =
          jdbc.sql("select distinct resource_key from remediation_attempt")
              .query(String.class)
              .list();
      assertThat(pickedBy).hasSize(100);
      assertThat(
              decisions.stream()
                  .map(d -> RecordingIncidents.actions(d.incidentId()))
                  .map(actions -> actions.stream().filter("attempt.started"::equals).count())
                  .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
          .containsExactly(Map.entry(1L, 100L));
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
            "--spring.main.web-application-type=none",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--test.platform.base-url=" + PLATFORM.baseUrl(),
            "--rebound.remediation.scheduler.polling-interval=50ms",
            "--rebound.remediation.scheduler.threads=4",
            "--rebound.remediation.health-poll-interval=50ms",
            "--rebound.remediation.budget.max-actions-per-day=1000");
  }
}
