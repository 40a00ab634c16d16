package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentRecorder;
import io.rebound.policy.Evaluation;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JVM died after an attempt was committed as CLAIMED and before (or during) the platform call:
 * the database holds a RUNNING plan, a RUNNING step, a CLAIMED attempt, and the attempt's task
 * picked by an instance that no longer sends heartbeats. A service started on that database revives
 * the task, checks the platform, and ends the plan — with the action done at most once in total.
 */
class CrashReconciliationIntegrationTest {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());

  static {
    PLATFORM.start();
  }

  @AfterAll
  static void stop() {
    PLATFORM.stop();
  }

  String database;

  @BeforeEach
  void freshDatabase() {
    PLATFORM.resetAll();
    database =
        "jdbc:h2:mem:crash-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  @Test
  void aStartThatReachedTheClusterBeforeTheCrashIsCountedDoneNotRepeated() throws Exception {
    String cluster = "0923-164208-crash01";
    // the lost clusters/start went through: the cluster is PENDING, then RUNNING
    PLATFORM.stubFor(
        RemediationIntegrationTestBase.getCluster(cluster)
            .inScenario(cluster)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(RemediationIntegrationTestBase.clusterBody(cluster, "PENDING")))
            .willSetStateTo("up"));
    PLATFORM.stubFor(
        RemediationIntegrationTestBase.getCluster(cluster)
            .inScenario(cluster)
            .whenScenarioStateIs("up")
            .willReturn(okJson(RemediationIntegrationTestBase.clusterBody(cluster, "RUNNING"))));
    PLATFORM.stubFor(RemediationIntegrationTestBase.startCluster(cluster).willReturn(okJson("{}")));

    UUID incidentId = crashWhileClaimed(cluster, "restart_cluster");

    ConfigurableApplicationContext restarted = restart();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "RESOLVED".equals(status(restarted, incidentId)));
      RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 0);
      PLATFORM.verify(
          2, getRequestedFor(urlPathEqualTo("/api/2.1/clusters/get"))); // the check, the health
      assertThat(attemptStatuses(restarted, incidentId)).containsExactly("SUCCEEDED");
      assertThat(auditActions(restarted, incidentId))
          .contains("attempt.reconciling", "attempt.reconciled", "healthcheck.passed")
          .doesNotContain("attempt.performed");
    } finally {
      restarted.close();
    }
  }

  @Test
  void aStartThatNeverReachedTheClusterIsMadeOnceAfterTheRestart() throws Exception {
    String cluster = "0923-164208-crash02";
    RemediationIntegrationTestBase.stubTerminatedCluster(PLATFORM, cluster, 0, null, "RUNNING");

    UUID incidentId = crashWhileClaimed(cluster, "restart_cluster");

    ConfigurableApplicationContext restarted = restart();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "RESOLVED".equals(status(restarted, incidentId)));
      RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 1);
      assertThat(attemptStatuses(restarted, incidentId)).containsExactly("SUCCEEDED");
    } finally {
      restarted.close();
    }
  }

  @Test
  void aJobRunIsAskedForAgainWithTheSameIdempotencyTokenOnlyOnce() throws Exception {
    String cluster = "0923-164208-crash04";
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .willReturn(okJson("{\"run_id\": 555000444, \"number_in_job\": 1}")));
    PLATFORM.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .willReturn(
                okJson(
                    RemediationIntegrationTestBase.runBody(555000444, "TERMINATED", "SUCCESS"))));

    UUID incidentId = crashWhileClaimed(cluster, "retry_job");

    ConfigurableApplicationContext restarted = restart();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "RESOLVED".equals(status(restarted, incidentId)));
      UUID planId =
          restarted.getBean(PlanStore.class).planForIncident(incidentId).orElseThrow().id();
      // Databricks answers a repeated token with the run the lost call started: never two runs
      PLATFORM.verify(
          1,
          postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                      "$.idempotency_token",
                      com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                          "rebound-" + planId + "-0-1"))));
      PLATFORM.verify(1, postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now")));
      assertThat(attemptStatuses(restarted, incidentId)).containsExactly("SUCCEEDED");
    } finally {
      restarted.close();
    }
  }

  @Test
  void aScaleWhoseOutcomeIsUnknownEscalatesWithTheReasonAndIsNotRepeated() throws Exception {
    String cluster = "0923-164208-crash03";
    PLATFORM.stubFor(
        RemediationIntegrationTestBase.getCluster(cluster)
            .willReturn(okJson(RemediationIntegrationTestBase.clusterBody(cluster, "RUNNING"))));
    PLATFORM.stubFor(post(urlPathEqualTo("/api/2.1/clusters/resize")).willReturn(okJson("{}")));

    UUID incidentId = crashWhileClaimed(cluster, "scale_cluster");

    ConfigurableApplicationContext restarted = restart();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "ESCALATED".equals(status(restarted, incidentId)));
      PLATFORM.verify(0, postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize")));
      PLATFORM.verify(0, anyRequestedFor(urlPathEqualTo("/api/2.1/clusters/edit")));
      assertThat(reason(restarted, incidentId))
          .contains("Rebound stopped while scaling cluster " + cluster)
          .contains("Check the cluster's size");
      assertThat(attemptStatuses(restarted, incidentId)).containsExactly("FAILED");
      assertThat(
              RestartResumeIntegrationTest.perIncident(
                  restarted,
                  "select status from remediation_plan where incident_id = :id",
                  incidentId))
          .containsExactly("ESCALATED");
    } finally {
      restarted.close();
    }
  }

  /**
   * Makes the plan on a first service (parked for approval, so nothing runs), stops it, then writes
   * what a kill -9 right after the claim leaves behind.
   */
  private UUID crashWhileClaimed(String cluster, String action) {
    Evaluation evaluation =
        Incidents.evaluation(
            Incidents.clusterFailure(cluster, Environment.PRODUCTION),
            Incidents.playbook(action, 2, List.of(0, 1), 5, List.of()),
            true);
    ConfigurableApplicationContext first = RestartResumeIntegrationTest.start(database, PLATFORM);
    UUID incidentId;
    UUID planId;
    try {
      incidentId = first.getBean(IncidentRecorder.class).record(evaluation, null).incidentId();
      PlanStore store = first.getBean(PlanStore.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> store.planForIncident(incidentId).isPresent());
      planId = store.planForIncident(incidentId).orElseThrow().id();
    } finally {
      first.close();
    }
    org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
    dataSource.setURL(database);
    dataSource.setUser("sa");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    Timestamp now = Timestamp.from(Instant.now());
    Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
    jdbc.sql("update remediation_plan set status = 'RUNNING' where id = :p")
        .param("p", planId)
        .update();
    jdbc.sql(
            "update remediation_approval set status = 'APPROVED', decided_by = 'bob' where plan_id = :p")
        .param("p", planId)
        .update();
    jdbc.sql("delete from scheduled_tasks").update();
    jdbc.sql("update remediation_step set status = 'RUNNING' where plan_id = :p and step_no = 0")
        .param("p", planId)
        .update();
    jdbc.sql(
            """
            insert into remediation_attempt (id, plan_id, step_no, attempt_no, status,
              counts_as_retry, idempotency_key, resource_key, started_at)
            values (:id, :p, 0, 1, 'CLAIMED', true, :key, :resource, :now)
            """)
        .param("id", UUID.randomUUID())
        .param("p", planId)
        .param("key", "rebound-" + planId + "-0-1")
        .param("resource", "databricks:cluster:" + cluster)
        .param("now", now)
        .update();
    jdbc.sql(
            """
            insert into scheduled_tasks (task_name, task_instance, execution_time, picked,
              picked_by, last_heartbeat, version)
            values ('remediation-attempt', :instance, :at, true, 'crashed-node', :at, 1)
            """)
        .param("instance", planId + ":0:1")
        .param("at", longAgo)
        .update();
    return incidentId;
  }

  private ConfigurableApplicationContext restart() {
    return RestartResumeIntegrationTest.start(
        database, PLATFORM, "--rebound.remediation.scheduler.heartbeat-interval=200ms");
  }

  private static String status(ConfigurableApplicationContext context, UUID incidentId) {
    return RestartResumeIntegrationTest.status(context, incidentId);
  }

  static String reason(ConfigurableApplicationContext context, UUID incidentId) {
    return RestartResumeIntegrationTest.perIncident(
            context, "select status_reason from incident where id = :id", incidentId)
        .get(0);
  }

  private static List<String> attemptStatuses(
      ConfigurableApplicationContext context, UUID incidentId) {
    return RestartResumeIntegrationTest.perIncident(
        context,
        """
        select a.status from remediation_attempt a join remediation_plan p on p.id = a.plan_id
        where p.incident_id = :id order by a.step_no, a.attempt_no
        """,
        incidentId);
  }

  private static List<String> auditActions(
      ConfigurableApplicationContext context, UUID incidentId) {
    return RestartResumeIntegrationTest.perIncident(
        context, "select action from audit_event where incident_id = :id order by seq", incidentId);
  }
}
