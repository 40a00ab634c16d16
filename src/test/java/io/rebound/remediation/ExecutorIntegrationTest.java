package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.failure.Environment;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Playbook;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The executor end to end: each action and its health check, retries on the backoff, fallback,
 * chain, breaker, Retry-After, timeout, dry-run, kill switch and duplicate delivery.
 */
class ExecutorIntegrationTest extends RemediationIntegrationTestBase {

  // ------------------------------------------------------------ action + health check

  @Test
  void startsATerminatedClusterAndResolvesOnceTheHealthCheckSeesItRunning() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "PENDING", "PENDING", "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 2, List.of(1, 1), 10, List.of()));

    awaitState(decided, "RESOLVED");
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/start"))
            .withRequestBody(equalToJson("{\"cluster_id\":\"" + cluster + "\"}")));
    assertThat(actions(decided))
        .containsSubsequence(
            "incident.decided",
            "plan.created",
            "incident.remediating",
            "attempt.started",
            "attempt.performed",
            "healthcheck.pending",
            "healthcheck.passed",
            "incident.resolved");
    assertThat(reason(decided)).contains("restart_cluster succeeded", "cluster_running");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              PLATFORM.verify(
                  1,
                  postRequestedFor(urlPathEqualTo(SLACK_PATH))
                      .withRequestBody(
                          matchingJsonPath("$.text", containing("Resolved automatically")))
                      .withRequestBody(
                          matchingJsonPath(
                              "$.blocks[2].text.text",
                              containing(decided.incidentId().toString()))));
              PLATFORM.verify(
                  1,
                  postRequestedFor(urlPathEqualTo(WEBHOOK_PATH))
                      .withRequestBody(
                          matchingJsonPath(
                              "$.incidentId", equalTo(decided.incidentId().toString())))
                      .withRequestBody(matchingJsonPath("$.outcome", equalTo("RESOLVED"))));
            });
    assertThat(attemptsOf(decided))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(AttemptStatus.SUCCEEDED);
              assertThat(a.idempotencyKey()).hasSizeLessThanOrEqualTo(64).startsWith("rebound-");
            });
  }

  /**
   * A context stopped and started again (Spring's Lifecycle contract; the test framework pauses
   * cached contexts between test classes) runs plans again: a db-scheduler Scheduler cannot be
   * started twice, so before, the restart failed and no plan moved.
   */
  @Test
  void aContextStoppedAndStartedAgainStillRunsPlans(
      @org.springframework.beans.factory.annotation.Autowired
          org.springframework.context.ConfigurableApplicationContext context)
      throws Exception {
    context.stop();
    context.start();

    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of()));

    awaitState(decided, "RESOLVED");
    startsOf(cluster, 1);
  }

  @Test
  void startsAJobRunWithTheAttemptsIdempotencyTokenAndResolvesWhenTheRunSucceeds() {
    String cluster = cluster();
    long jobId = 7_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000L);
    long runId = jobId + 1;
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .withRequestBody(matchingJsonPath("$.job_id", equalTo(Long.toString(jobId))))
            .willReturn(okJson("{\"run_id\": " + runId + ", \"number_in_job\": 1}")));
    PLATFORM.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withQueryParam("run_id", equalTo(Long.toString(runId)))
            .willReturn(okJson(runBody(runId, "TERMINATED", "SUCCESS"))));

    IncidentDecided decided =
        record(
            Incidents.jobFailure(cluster, Long.toString(jobId), Environment.PRODUCTION),
            Incidents.playbook("retry_job", 0, List.of(), 10, List.of()),
            false);

    awaitState(decided, "RESOLVED");
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .withRequestBody(
                matchingJsonPath(
                    "$.idempotency_token", equalTo(attemptsOf(decided).get(0).idempotencyKey()))));
  }

  @Test
  void scalingUpIsUndoneWhenThePlanEnds() throws Exception {
    String cluster = cluster();
    PLATFORM.stubFor(
        getCluster(cluster)
            .willReturn(
                okJson(
                    clusterBody(cluster, "RUNNING")
                        .replace("\"num_workers\": 0", "\"num_workers\": 4"))));
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/resize"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .willReturn(okJson("{}")));

    IncidentDecided decided =
        publish(Incidents.playbook("scale_cluster", 0, List.of(), 10, List.of()));

    awaitState(decided, "RESOLVED");
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
            .withRequestBody(
                equalToJson("{\"cluster_id\":\"" + cluster + "\",\"num_workers\":6}")));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                PLATFORM.verify(
                    1,
                    postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
                        .withRequestBody(
                            equalToJson(
                                "{\"cluster_id\":\"" + cluster + "\",\"num_workers\":4}"))));
    assertThat(actions(decided)).contains("scale.restored");
  }

  // ------------------------------------------------------------ retries, fallback, chain

  @Test
  void retriesFollowTheBackoffAsScheduledTimesNotSleeps() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 2, databricksError(500, "INTERNAL_ERROR"), "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 3, List.of(2, 1, 2), 10, List.of()));

    awaitState(decided, "RESOLVED");
    List<Rows.Attempt> attempts = attemptsOf(decided);
    assertThat(attempts)
        .extracting(a -> a.status().name())
        .containsExactly("FAILED", "FAILED", "SUCCEEDED");
    // attempt 1 waits backoff[0] = 2 s (the failure itself was the platform's own try),
    // attempt 2 backoff[1] = 1 s after attempt 1 failed, attempt 3 backoff[2] = 2 s after 2
    assertThat(Duration.between(decidedAt(decided), attempts.get(0).startedAt()))
        .isBetween(Duration.ofMillis(1950), Duration.ofMillis(3500));
    assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
        .isBetween(Duration.ofMillis(950), Duration.ofMillis(1900));
    assertThat(Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt()))
        .isBetween(Duration.ofMillis(1950), Duration.ofMillis(2900));
    startsOf(cluster, 3);
  }

  @Test
  void fallsBackOnceThePrimaryRetriesAreSpent() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 2, databricksError(500, "INTERNAL_ERROR"), "RUNNING");

    IncidentDecided decided =
        publish(
            Incidents.playbook("restart_cluster", 2, List.of(0, 0), 10, List.of("start_cluster")));

    awaitState(decided, "RESOLVED");
    assertThat(attemptsOf(decided))
        .extracting(a -> a.stepNo() + ":" + a.status())
        .containsExactly("0:FAILED", "0:FAILED", "1:SUCCEEDED");
    assertThat(actions(decided)).contains("fallback.started");
    startsOf(cluster, 3);
  }

  @Test
  void aNonRetryableAnswerSkipsTheRetriesAndEscalatesWhenTheFallbackSaysSo() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 5, databricksError(400, "INVALID_PARAMETER_VALUE"), "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 3, List.of(0), 10, List.of("escalate")));

    awaitState(decided, "ESCALATED");
    startsOf(cluster, 1);
    assertThat(reason(decided)).contains("escalates");
  }

  @Test
  void runsTheChainedPlaybookAfterTheFirstSucceeds() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .withRequestBody(matchingJsonPath("$.job_id", equalTo(Incidents.jobIdFor(cluster))))
            .withRequestBody(matchingJsonPath("$.idempotency_token"))
            .willReturn(okJson("{\"run_id\": 900001, \"number_in_job\": 2}")));
    PLATFORM.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withQueryParam("run_id", equalTo("900001"))
            .willReturn(okJson(runBody(900001, "TERMINATED", "SUCCESS"))));
    ScriptedPolicy.CHAINED.put(
        "DatabricksJobExecutionError",
        Incidents.playbook("retry_job", 0, List.of(), 10, List.of()));
    Playbook first =
        new Playbook(
            "restart_cluster",
            0,
            List.of(),
            10,
            true,
            "cluster_running",
            List.of(),
            "DatabricksJobExecutionError",
            5,
            List.of());

    IncidentDecided decided = publish(first);

    awaitState(decided, "RESOLVED");
    assertThat(attemptsOf(decided)).extracting(Rows.Attempt::stepNo).containsExactly(0, 1);
    assertThat(actions(decided)).contains("chain.started");
    assertThat(reason(decided)).contains("retry_job");
  }

  // ------------------------------------------------------------ breakers, throttling, timeouts

  @Test
  void repeated500sOpenTheBreakerAndEscalate() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 9, databricksError(500, "INTERNAL_ERROR"), "RUNNING");
    Playbook playbook =
        new Playbook(
            "restart_cluster", 5, List.of(0), 10, true, null, List.of(), null, 2, List.of());

    IncidentDecided decided = publish(playbook);

    awaitState(decided, "ESCALATED");
    startsOf(cluster, 2);
    assertThat(actions(decided)).contains("breaker.opened");
    String name = "databricks:restart_cluster:" + cluster;
    assertThat(reason(decided)).contains(name);

    mvc.perform(
            MockMvcRequestBuilders.get("/api/circuit-breakers")
                .with(user("viewer-1").roles("VIEWER")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.name == '" + name + "')].state").value("OPEN"))
        .andExpect(jsonPath("$[?(@.name == '" + name + "')].failedCalls").value(2));
    mvc.perform(
            MockMvcRequestBuilders.post("/api/circuit-breakers/{name}/reset", name)
                .with(user("operator-1").roles("OPERATOR"))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("CLOSED"));
    mvc.perform(
            MockMvcRequestBuilders.post("/api/circuit-breakers/{name}/reset", "no-such-breaker")
                .with(user("operator-1").roles("OPERATOR"))
                .with(csrf()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("No circuit breaker named 'no-such-breaker'"))
        .andExpect(jsonPath("$.message").doesNotExist());
  }

  @Test
  void aRetryAfterAnswerIsHonouredWithoutSpendingARetry() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(
        cluster,
        1,
        databricksError(429, "REQUEST_LIMIT_EXCEEDED").withHeader("Retry-After", "1"),
        "RUNNING");

    // no retries at all: only a Retry-After reschedule can lead to a second call
    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 0, List.of(), 10, List.of()));

    awaitState(decided, "RESOLVED");
    List<Rows.Attempt> attempts = attemptsOf(decided);
    assertThat(attempts)
        .extracting(a -> a.status().name())
        .containsExactly("THROTTLED", "SUCCEEDED");
    assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    startsOf(cluster, 2);
  }

  @Test
  void aHealthCheckThatNeverPassesTimesOutAndEscalates() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "PENDING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 0, List.of(), 1, List.of()));

    awaitState(decided, "ESCALATED");
    assertThat(actions(decided)).contains("healthcheck.timeout");
    assertThat(reason(decided)).contains("did not pass within 1 s");
  }

  @Test
  void theHourlyBudgetPerResourceStopsTheFourthActionAndEscalates() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 9, databricksError(500, "INTERNAL_ERROR"), "RUNNING");
    Playbook patient =
        new Playbook(
            "restart_cluster", 5, List.of(0), 10, true, null, List.of(), null, 10, List.of());

    IncidentDecided decided = publish(patient);

    awaitState(decided, "ESCALATED");
    startsOf(cluster, 3);
    assertThat(actions(decided)).contains("budget.exceeded");
    assertThat(reason(decided))
        .isEqualTo(
            "Action budget spent: 3 actions on databricks:cluster:"
                + cluster
                + " in the last hour (limit 3 per hour)");
  }

  // ------------------------------------------------------------ gates

  @Test
  void dryRunRecordsWhatWouldBeDoneAndCallsNothing() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");

    IncidentDecided decided =
        record(
            Incidents.clusterFailure(cluster, Environment.STAGING),
            Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of("start_cluster")),
            false);

    awaitState(decided, "ESCALATED");
    startsOf(cluster, 0);
    assertThat(actions(decided)).filteredOn("dryrun.would-perform"::equals).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                PLATFORM.verify(
                    1,
                    postRequestedFor(urlPathEqualTo(WEBHOOK_PATH))
                        .withRequestBody(
                            matchingJsonPath(
                                "$.incidentId", equalTo(decided.incidentId().toString())))
                        .withRequestBody(
                            matchingJsonPath("$.event", equalTo("incident.escalated")))));
    assertThat(reason(decided))
        .startsWith("Dry-run mode: nothing was executed")
        .contains("restart_cluster on cluster:" + cluster);
    assertThat(attemptsOf(decided)).isEmpty();
  }

  @Test
  void theKillSwitchEscalatesInsteadOfActing() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    mvc.perform(
            put("/api/remediation/kill-switch")
                .with(user("operator-1").roles("OPERATOR"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": false}"))
        .andExpect(status().isForbidden());
    try {
      mvc.perform(
              put("/api/remediation/kill-switch")
                  .with(user("admin-1").roles("ADMIN"))
                  .with(csrf())
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"enabled\": false}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.actionsAllowed").value(false));

      IncidentDecided decided =
          publish(Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of()));

      awaitState(decided, "ESCALATED");
      assertThat(reason(decided)).contains("kill switch");
      startsOf(cluster, 0);
    } finally {
      mvc.perform(
              put("/api/remediation/kill-switch")
                  .with(user("admin-1").roles("ADMIN"))
                  .with(csrf())
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"enabled\": true}"))
          .andExpect(jsonPath("$.actionsAllowed").value(true));
    }
  }

  @Test
  void aDuplicateDeliveryOfTheSameDecisionActsOnce() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 0, List.of(), 10, List.of()));
    Thread other = new Thread(() -> events.publishEvent(decided));
    other.start();
    events.publishEvent(decided);
    other.join();

    awaitState(decided, "RESOLVED");
    events.publishEvent(decided);
    // the repeated decision left a start record; once it has been run, it made nothing new
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> scheduledTasks("remediation-plan-start", decided.incidentId()) == 0);
    startsOf(cluster, 1);
    assertThat(
            jdbc.sql("select count(*) from remediation_plan where incident_id = :i")
                .param("i", decided.incidentId())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
