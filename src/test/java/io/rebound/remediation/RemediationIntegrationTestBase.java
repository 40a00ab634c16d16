package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rebound.ReboundApplication;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.incident.IncidentDecided;
import io.rebound.incident.IncidentRecorder;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One application context on H2 for remediation's integration tests. Incidents are opened by the
 * real incident module (IncidentRecorder, which publishes IncidentDecided after its commit); the
 * real connectors call WireMock over HTTP, serving the Databricks shapes from
 * src/test/resources/shared/payloads. Production runs in auto mode, staging in dry-run, development
 * in approve-all.
 */
@SpringBootTest(classes = ReboundApplication.class)
@AutoConfigureMockMvc
@Import(RemediationTestBeans.class)
abstract class RemediationIntegrationTestBase {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());

  static final String SLACK_PATH = "/services/T000/B000/sandboxsecret";
  static final String WEBHOOK_PATH = "/hooks/rebound";

  static {
    PLATFORM.start();
    PLATFORM.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200)));
    // the generic webhook is down: notifications fail, remediation must not notice
    PLATFORM.stubFor(post(urlPathEqualTo(WEBHOOK_PATH)).willReturn(aResponse().withStatus(503)));
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:remediation-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("rebound.databricks.host", PLATFORM::baseUrl);
    registry.add("rebound.databricks.token", () -> "dapi-test-token");
    registry.add(
        "rebound.security.generated-secrets-file",
        () -> "target/remediation-it-secrets.properties");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "50ms");
    registry.add("rebound.remediation.health-poll-interval", () -> "100ms");
    registry.add("rebound.remediation.modes.staging", () -> "dry-run");
    registry.add("rebound.remediation.modes.development", () -> "approve-all");
    registry.add("rebound.remediation.approval-expiry", () -> "3s");
    registry.add("rebound.remediation.budget.max-actions-per-resource-per-hour", () -> "3");
    registry.add("rebound.notify.slack.webhook-url", () -> PLATFORM.baseUrl() + SLACK_PATH);
    registry.add("rebound.notify.webhook.url", () -> PLATFORM.baseUrl() + WEBHOOK_PATH);
  }

  @Autowired ApplicationEventPublisher events;
  @Autowired IncidentRecorder recorder;
  @Autowired PlanStore store;
  @Autowired Breakers breakers;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  String currentCluster;

  /** Breakers live in the database: each test starts with none. */
  @BeforeEach
  void resetBreakers() {
    jdbc.sql("delete from remediation_breaker").update();
  }

  String cluster() {
    currentCluster = "0923-164208-" + UUID.randomUUID().toString().substring(0, 8);
    return currentCluster;
  }

  /** Opens a production incident on the current cluster through the incident module. */
  IncidentDecided publish(Playbook playbook) {
    return record(
        Incidents.clusterFailure(currentCluster, Environment.PRODUCTION), playbook, false);
  }

  IncidentDecided record(FailureFact fact, Playbook playbook, boolean approvalRequired) {
    Evaluation evaluation = Incidents.evaluation(fact, playbook, approvalRequired);
    UUID incidentId = recorder.record(evaluation, null).incidentId();
    assertThat(incidentId).isNotNull();
    return new IncidentDecided(incidentId, fact, evaluation);
  }

  /** When the plan for this incident was made: the start of its first step. */
  java.time.Instant decidedAt(IncidentDecided decided) {
    return jdbc.sql("select created_at from remediation_plan where incident_id = :id")
        .param("id", decided.incidentId())
        .query(java.time.OffsetDateTime.class)
        .single()
        .toInstant();
  }

  List<Rows.Attempt> attemptsOf(IncidentDecided decided) {
    return store
        .planForIncident(decided.incidentId())
        .map(plan -> store.attempts(plan.id()))
        .orElse(List.of());
  }

  // ---- the incident module's view, read from its tables

  String state(IncidentDecided decided) {
    return jdbc.sql("select status from incident where id = :id")
        .param("id", decided.incidentId())
        .query(String.class)
        .single();
  }

  String reason(IncidentDecided decided) {
    return jdbc.sql("select status_reason from incident where id = :id")
        .param("id", decided.incidentId())
        .query(String.class)
        .single();
  }

  List<String> actions(IncidentDecided decided) {
    return jdbc.sql("select action from audit_event where incident_id = :id order by seq")
        .param("id", decided.incidentId())
        .query(String.class)
        .list();
  }

  List<String> actorsOf(IncidentDecided decided, String action) {
    return jdbc.sql("select actor from audit_event where incident_id = :id and action = :a")
        .param("id", decided.incidentId())
        .param("a", action)
        .query(String.class)
        .list();
  }

  /**
   * Scheduler tasks of one kind still waiting for a plan or incident (their instance id starts with
   * its id): what would make anything happen next.
   */
  long scheduledTasks(String taskName, UUID owner) {
    return jdbc.sql(
            "select count(*) from scheduled_tasks where task_name = :t and task_instance like :p")
        .param("t", taskName)
        .param("p", owner + "%")
        .query(Long.class)
        .single();
  }

  void awaitState(IncidentDecided decided, String expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(state(decided)).isEqualTo(expected));
  }

  // ---- Databricks stubs

  /**
   * A TERMINATED cluster (the real clusters/get shape) whose clusters/start answers {@code
   * failedStarts} times with {@code failure}, then 200; after a successful start, clusters/get
   * answers each of {@code statesAfterStart} in turn (the last one repeats).
   */
  static void stubTerminatedCluster(
      String cluster,
      int failedStarts,
      ResponseDefinitionBuilder failure,
      String... statesAfterStart)
      throws Exception {
    stubTerminatedCluster(PLATFORM, cluster, failedStarts, failure, statesAfterStart);
  }

  static void stubTerminatedCluster(
      WireMockServer platform,
      String cluster,
      int failedStarts,
      ResponseDefinitionBuilder failure,
      String... statesAfterStart)
      throws Exception {
    String scenario = "cluster-" + cluster;
    String terminated = clusterBody(cluster, "TERMINATED");
    for (int i = 0; i <= failedStarts; i++) {
      String state = i == 0 ? Scenario.STARTED : "failed-" + i;
      platform.stubFor(
          getCluster(cluster)
              .inScenario(scenario)
              .whenScenarioStateIs(state)
              .willReturn(okJson(terminated)));
      ScenarioMappingBuilder start =
          startCluster(cluster).inScenario(scenario).whenScenarioStateIs(state);
      platform.stubFor(
          i < failedStarts
              ? start.willReturn(failure).willSetStateTo("failed-" + (i + 1))
              : start.willReturn(okJson("{}")).willSetStateTo("after-0"));
    }
    for (int i = 0; i < statesAfterStart.length; i++) {
      ScenarioMappingBuilder read =
          getCluster(cluster)
              .inScenario(scenario)
              .whenScenarioStateIs("after-" + i)
              .willReturn(okJson(clusterBody(cluster, statesAfterStart[i])));
      platform.stubFor(
          i + 1 < statesAfterStart.length ? read.willSetStateTo("after-" + (i + 1)) : read);
    }
  }

  static void stubTerminatedCluster(String cluster, String... statesAfterStart) throws Exception {
    stubTerminatedCluster(cluster, 0, null, statesAfterStart);
  }

  static ResponseDefinitionBuilder databricksError(int status, String code) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error_code\": \"" + code + "\", \"message\": \"answer from the test\"}");
  }

  static MappingBuilder getCluster(String cluster) {
    return get(urlPathEqualTo("/api/2.1/clusters/get"))
        .withQueryParam("cluster_id", equalTo(cluster));
  }

  static MappingBuilder startCluster(String cluster) {
    return post(urlPathEqualTo("/api/2.1/clusters/start"))
        .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)));
  }

  static void startsOf(String cluster, int count) {
    startsOf(PLATFORM, cluster, count);
  }

  static void startsOf(WireMockServer platform, String cluster, int count) {
    platform.verify(
        count,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/start"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
  }

  /** The real clusters/get body for this cluster in this state. */
  static String clusterBody(String cluster, String state) throws Exception {
    String file =
        state.equals("TERMINATED")
            ? "databricks_cluster_get_terminated_driver_unreachable.json"
            : "databricks_cluster_get_running_verbatim.json";
    String body = Files.readString(Path.of("src/test/resources/shared/payloads/databricks", file));
    body = body.replace("1234-567890-reef123", cluster);
    return state.equals("TERMINATED")
        ? body
        : body.replace("\"state\": \"RUNNING\"", "\"state\": \"" + state + "\"");
  }

  static String runBody(long runId, String lifeCycle, String result) {
    return """
        {"job_id": 281874479417551, "run_id": %d, "number_in_job": 1,
         "state": {"life_cycle_state": "%s", "result_state": "%s", "state_message": ""}}
        """
        .formatted(runId, lifeCycle, result);
  }
}
