package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Playbook;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The executor end to end: each action and its health check, retries on the backoff, fallback,
 * chain, breaker, Retry-After, timeout, dry-run, kill switch and duplicate delivery.
 */
class ExecutorIntegrationTest extends RemediationIntegrationTestBase {

  // ------------------------------------------------------------ action + health check

  @Test
  void restartsATerminatedClusterAndResolvesOnceTheHealthCheckSeesItRunning() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 200);
    stubClusterStates(cluster, "RESTARTING", "RESTARTING", "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 2, List.of(1, 1), 10, List.of()));

    awaitState(decided, "RESOLVED");
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(equalToJson("{\"cluster_id\":\"" + cluster + "\"}")));
    assertThat(RecordingIncidents.actions(decided.incidentId()))
        .containsSubsequence(
            "plan.created",
            "incident.remediating",
            "attempt.started",
            "attempt.performed",
            "healthcheck.pending",
            "healthcheck.passed",
            "incident.resolved");
    assertThat(RecordingIncidents.REASONS.get(decided.incidentId()))
        .contains("restart_cluster succeeded", "cluster_running");
    List<Rows.Attempt> attempts = attemptsOf(decided);
    assertThat(attempts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo("SUCCEEDED");
              assertThat(a.idempotencyKey()).hasSizeLessThanOrEqualTo(64).startsWith("rebound-");
            });
  }

  @Test
  void startsAJobRunAndResolvesWhenTheRunSucceeds() throws Exception {
    String cluster = cluster();
    long jobId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .withRequestBody(matchingJsonPath("$.job_id", equalTo(Long.toString(jobId))))
            .willReturn(okJson("{\"run_id\": " + (jobId + 1) + ", \"number_in_job\": 1}")));
    PLATFORM.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withQueryParam("run_id", equalTo(Long.toString(jobId + 1)))
            .willReturn(okJson(runBody(jobId + 1, "TERMINATED", "SUCCESS"))));
    var fact = Incidents.clusterFailure(cluster, Environment.PRODUCTION);
    var withJob =
        new io.rebound.failure.FailureFact(
            fact.source(),
            fact.environment(),
            fact.resourceKind(),
            fact.outcome(),
            new io.rebound.failure.ResourceIds(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "1234567890123456",
                Long.toString(jobId),
                "nightly-etl",
                "41847992357943",
                null,
                null,
                cluster,
                null,
                null,
                null,
                null),
            fact.codes(),
            fact.errorMessage(),
            fact.failureType(),
            fact.occurredAt(),
            null);
    IncidentDecided decided =
        Incidents.decided(withJob, Incidents.playbook("retry_job", 0, List.of(), 10, List.of()));
    events.publishEvent(decided);

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
        get(urlPathEqualTo("/api/2.1/clusters/get"))
            .withQueryParam("cluster_id", equalTo(cluster))
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
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                PLATFORM.verify(
                    postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
                        .withRequestBody(
                            equalToJson(
                                "{\"cluster_id\":\"" + cluster + "\",\"num_workers\":4}"))));
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
            .withRequestBody(
                equalToJson("{\"cluster_id\":\"" + cluster + "\",\"num_workers\":8}")));
    assertThat(RecordingIncidents.actions(decided.incidentId())).contains("scale.restored");
  }

  // ------------------------------------------------------------ retries, fallback, chain

  @Test
  void retriesFollowTheBackoffAsScheduledTimesNotSleeps() throws Exception {
    String cluster = cluster();
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .inScenario("retry-" + cluster)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody(errorBody("INTERNAL_ERROR")))
            .willSetStateTo("second"));
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .inScenario("retry-" + cluster)
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(500).withBody(errorBody("INTERNAL_ERROR")))
            .willSetStateTo("third"));
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .inScenario("retry-" + cluster)
            .whenScenarioStateIs("third")
            .willReturn(okJson("{}")));
    stubClusterStates(cluster, "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 2, List.of(1, 2), 10, List.of()));

    awaitState(decided, "RESOLVED");
    List<Rows.Attempt> attempts = attemptsOf(decided);
    assertThat(attempts)
        .extracting(Rows.Attempt::status)
        .containsExactly("FAILED", "FAILED", "SUCCEEDED");
    // attempt 2 runs backoff[0] = 1 s after attempt 1 failed, attempt 3 backoff[1] = 2 s after 2
    assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
        .isBetween(Duration.ofMillis(950), Duration.ofMillis(1900));
    assertThat(Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt()))
        .isBetween(Duration.ofMillis(1950), Duration.ofMillis(2900));
  }

  @Test
  void fallsBackOnceThePrimaryRetriesAreSpent() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 500);
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/start"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .willReturn(okJson("{}")));
    stubClusterStates(cluster, "RUNNING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of("start_cluster")));

    awaitState(decided, "RESOLVED");
    PLATFORM.verify(
        2,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/start"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
    assertThat(RecordingIncidents.actions(decided.incidentId())).contains("fallback.started");
  }

  @Test
  void aNonRetryableAnswerSkipsTheRetriesAndEscalatesWhenTheFallbackSaysSo() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 400);

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 3, List.of(0), 10, List.of("escalate")));

    awaitState(decided, "ESCALATED");
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
    assertThat(RecordingIncidents.REASONS.get(decided.incidentId())).contains("escalates");
  }

  @Test
  void runsTheChainedPlaybookAfterTheFirstSucceeds() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 200);
    stubClusterStates(cluster, "RUNNING");
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .withRequestBody(matchingJsonPath("$.job_id", equalTo("281874479417551")))
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
    assertThat(RecordingIncidents.actions(decided.incidentId())).contains("chain.started");
    assertThat(RecordingIncidents.REASONS.get(decided.incidentId())).contains("retry_job");
  }

  // ------------------------------------------------------------ breakers, throttling, timeouts

  @Test
  void repeated500sOpenTheBreakerAndEscalate() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 500);
    Playbook playbook =
        new Playbook(
            "restart_cluster", 5, List.of(0), 10, true, null, List.of(), null, 2, List.of());

    IncidentDecided decided = publish(playbook);

    awaitState(decided, "ESCALATED");
    PLATFORM.verify(
        2,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
    assertThat(RecordingIncidents.actions(decided.incidentId())).contains("breaker.opened");
    String name = "databricks:restart_cluster:" + cluster;
    assertThat(RecordingIncidents.REASONS.get(decided.incidentId())).contains(name);

    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                    "/api/circuit-breakers")
                .with(user("viewer-1").roles("VIEWER")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.name == '" + name + "')].state").value("OPEN"))
        .andExpect(jsonPath("$[?(@.name == '" + name + "')].failedCalls").value(2));
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                    "/api/circuit-breakers/{name}/reset", name)
                .with(user("operator-1").roles("OPERATOR"))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("CLOSED"));
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                    "/api/circuit-breakers/{name}/reset", "no-such-breaker")
                .with(user("operator-1").roles("OPERATOR"))
                .with(csrf()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No circuit breaker named 'no-such-breaker'"));
  }

  @Test
  void aRetryAfterAnswerIsHonouredWithoutSpendingARetry() throws Exception {
    String cluster = cluster();
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .inScenario("throttle-" + cluster)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody(errorBody("REQUEST_LIMIT_EXCEEDED")))
            .willSetStateTo("ok"));
    PLATFORM.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster)))
            .inScenario("throttle-" + cluster)
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{}")));
    stubClusterStates(cluster, "RUNNING");

    // no retries at all: only a Retry-After reschedule can lead to a second call
    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 0, List.of(), 10, List.of()));

    awaitState(decided, "RESOLVED");
    List<Rows.Attempt> attempts = attemptsOf(decided);
    assertThat(attempts).extracting(Rows.Attempt::status).containsExactly("THROTTLED", "SUCCEEDED");
    assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aHealthCheckThatNeverPassesTimesOutAndEscalates() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 200);
    stubClusterStates(cluster, "RESTARTING");

    IncidentDecided decided =
        publish(Incidents.playbook("restart_cluster", 0, List.of(), 1, List.of()));

    awaitState(decided, "ESCALATED");
    assertThat(RecordingIncidents.actions(decided.incidentId())).contains("healthcheck.timeout");
    assertThat(RecordingIncidents.REASONS.get(decided.incidentId()))
        .contains("did not pass within 1 s");
  }

  // ------------------------------------------------------------ gates

  @Test
  void dryRunRecordsWhatWouldBeDoneAndCallsNothing() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 200);
    IncidentDecided decided =
        Incidents.decided(
            Incidents.clusterFailure(cluster, Environment.STAGING),
            Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of("start_cluster")));
    events.publishEvent(decided);

    awaitState(decided, "ESCALATED");
    PLATFORM.verify(
        0,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
    assertThat(RecordingIncidents.actions(decided.incidentId()))
        .filteredOn("dryrun.would-perform"::equals)
        .hasSize(2);
    assertThat(RecordingIncidents.REASONS.get(decided.incidentId()))
        .startsWith("Dry-run mode: nothing was executed")
        .contains("restart_cluster on cluster:" + cluster);
    assertThat(attemptsOf(decided)).isEmpty();
  }

  @Test
  void theKillSwitchEscalatesInsteadOfActing() throws Exception {
    String cluster = cluster();
    stubRestart(cluster, 200);
    mvc.perform(
            put("/api/remediation/kill-switch")
                .with(user("operator-1").roles("OPERATOR"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": false}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("admin-only"));
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
      assertThat(RecordingIncidents.REASONS.get(decided.incidentId())).contains("kill switch");
      PLATFORM.verify(
          0,
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
              .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
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
    stubRestart(cluster, 200);
    stubClusterStates(cluster, "RUNNING");
    IncidentDecided decided =
        Incidents.decided(
            Incidents.clusterFailure(cluster, Environment.PRODUCTION),
            Incidents.playbook("restart_cluster", 0, List.of(), 10, List.of()));

    Thread other = new Thread(() -> events.publishEvent(decided));
    other.start();
    events.publishEvent(decided);
    other.join();
    events.publishEvent(decided);

    awaitState(decided, "RESOLVED");
    PLATFORM.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
            .withRequestBody(matchingJsonPath("$.cluster_id", equalTo(cluster))));
  }
}
