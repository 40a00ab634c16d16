package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rebound.ReboundApplication;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentDecided;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service stopped in the middle of a backoff wait: a new one on the same database finds the
 * scheduled retry and finishes the plan, with no attempt done twice.
 */
class RestartResumeIntegrationTest {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());

  static {
    PLATFORM.start();
  }

  @AfterAll
  static void stop() {
    PLATFORM.stop();
  }

  static ConfigurableApplicationContext start(String databaseUrl, WireMockServer platform) {
    return new SpringApplicationBuilder(ReboundApplication.class, RemediationTestBeans.class)
        .run(
            "--spring.main.web-application-type=none",
            "--spring.datasource.url=" + databaseUrl,
            "--test.platform.base-url=" + platform.baseUrl(),
            "--rebound.remediation.scheduler.polling-interval=50ms",
            "--rebound.remediation.scheduler.shutdown-max-wait=2s",
            "--rebound.remediation.health-poll-interval=100ms");
  }

  @Test
  void aRestartedServiceResumesThePlanAfterTheBackoff() throws Exception {
    String database =
        "jdbc:h2:mem:restart-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    String cluster = "0923-164208-restart1";
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .inScenario("restart")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody("{\"error_code\":\"INTERNAL_ERROR\"}"))
            .willSetStateTo("healthy"));
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .inScenario("restart")
            .whenScenarioStateIs("healthy")
            .willReturn(okJson("{}")));
    PLATFORM.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/2.1/clusters/get"))
            .willReturn(okJson(RemediationIntegrationTestBase.clusterBody(cluster, "RUNNING"))));
    IncidentDecided decided =
        Incidents.decided(
            Incidents.clusterFailure(cluster, Environment.PRODUCTION),
            Incidents.playbook("restart_cluster", 1, List.of(3), 10, List.of()));

    ConfigurableApplicationContext first = start(database, PLATFORM);
    PlanStore firstStore = first.getBean(PlanStore.class);
    first.publishEvent(decided);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                attempts(firstStore, decided).size() == 1
                    && "FAILED".equals(attempts(firstStore, decided).get(0).status()));
    first.close();

    ConfigurableApplicationContext second = start(database, PLATFORM);
    try {
      PlanStore store = second.getBean(PlanStore.class);
      RemediationIntegrationTestBase.awaitState(decided, "RESOLVED");
      List<Rows.Attempt> attempts = attempts(store, decided);
      assertThat(attempts).extracting(Rows.Attempt::status).containsExactly("FAILED", "SUCCEEDED");
      assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(2950));
      PLATFORM.verify(
          2,
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
              .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
    } finally {
      second.close();
    }
  }

  private static List<Rows.Attempt> attempts(PlanStore store, IncidentDecided decided) {
    return store
        .planForIncident(decided.incidentId())
        .map(p -> store.attempts(p.id()))
        .orElse(List.of());
  }
}
