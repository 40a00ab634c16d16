package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.rebound.ReboundApplication;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One application context on H2 for remediation's integration tests: decisions in, platform calls
 * over real HTTP to WireMock serving the Databricks shapes from ../shared/payloads. Production runs
 * in auto mode, staging in dry-run, development in approve-all.
 */
@SpringBootTest(classes = ReboundApplication.class)
@AutoConfigureMockMvc
@Import(RemediationTestBeans.class)
abstract class RemediationIntegrationTestBase {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());

  static {
    PLATFORM.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("test.platform.base-url", PLATFORM::baseUrl);
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:executor-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "50ms");
    registry.add("rebound.remediation.health-poll-interval", () -> "100ms");
    registry.add("rebound.remediation.modes.staging", () -> "dry-run");
    registry.add("rebound.remediation.modes.development", () -> "approve-all");
    registry.add("rebound.remediation.approval-expiry", () -> "3s");
  }

  @AfterAll
  static void stopPlatform() {
    PLATFORM.resetAll();
  }

  @Autowired ApplicationEventPublisher events;
  @Autowired PlanStore store;
  @Autowired Breakers breakers;
  @Autowired MockMvc mvc;

  @BeforeEach
  void resetBreakers() {
    breakers.all().forEach(CircuitBreaker::reset);
  }

  // ------------------------------------------------------------ helpers

  IncidentDecided publish(Playbook playbook) {
    IncidentDecided decided =
        Incidents.decided(
            Incidents.clusterFailure(currentCluster, Environment.PRODUCTION), playbook);
    events.publishEvent(decided);
    return decided;
  }

  String currentCluster;

  String cluster() {
    currentCluster = "0923-164208-" + UUID.randomUUID().toString().substring(0, 8);
    return currentCluster;
  }

  List<Rows.Attempt> attemptsOf(IncidentDecided decided) {
    return store
        .planForIncident(decided.incidentId())
        .map(plan -> store.attempts(plan.id()))
        .orElse(List.of());
  }

  static void awaitState(IncidentDecided decided, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> assertThat(RecordingIncidents.state(decided.incidentId())).isEqualTo(state));
  }

  static void stubRestart(String cluster, int status) {
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .willReturn(
                status == 200
                    ? okJson("{}")
                    : aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(errorBody(status == 400 ? "INVALID_STATE" : "INTERNAL_ERROR"))));
  }

  /** clusters/get answers each state in turn (the last one repeats), in the real API shape. */
  static void stubClusterStates(String cluster, String... states) throws Exception {
    String scenario = "cluster-" + cluster;
    for (int i = 0; i < states.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "s" + i;
      var stub =
          get(urlPathEqualTo("/api/2.1/clusters/get"))
              .withQueryParam("cluster_id", equalTo(cluster))
              .inScenario(scenario)
              .whenScenarioStateIs(state)
              .willReturn(okJson(clusterBody(cluster, states[i])));
      PLATFORM.stubFor(i + 1 < states.length ? stub.willSetStateTo("s" + (i + 1)) : stub);
    }
  }

  static String clusterBody(String cluster, String state) throws Exception {
    String file =
        state.startsWith("TERMINATED")
            ? "databricks_cluster_get_terminated_driver_unreachable.json"
            : "databricks_cluster_get_running_verbatim.json";
    String body = Files.readString(Path.of("../shared/payloads/databricks", file));
    body = body.replace("1234-567890-reef123", cluster);
    return state.startsWith("TERMINATED")
        ? body
        : body.replace("\"state\": \"RUNNING\"", "\"state\": \"" + state + "\"");
  }

  static String runBody(long runId, String lifeCycle, String result) {
    return """
        {"job_id": 281874479417551, "run_id": %d, "number_in_job": 1,
         "state": {"life_cycle_state": "%s", "result_state": "%s", "state_message": ""},
         "status": {"state": "TERMINATED"}}
        """
        .formatted(runId, lifeCycle, result);
  }

  static String errorBody(String code) {
    return "{\"error_code\": \"" + code + "\", \"message\": \"test answer\"}";
  }
}
