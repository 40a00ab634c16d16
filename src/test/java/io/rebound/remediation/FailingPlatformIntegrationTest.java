package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.incident.IncidentDecided;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A platform that fails forever ends every plan in an escalation that names the error, after a
 * bounded number of calls (WireMock counts them): a 500 every time, a body that is not JSON, no
 * answer at all (the read timeout). An answer that says the request itself is wrong is not retried
 * and leaves the platform's breaker alone.
 */
class FailingPlatformIntegrationTest extends RemediationIntegrationTestBase {

  @DynamicPropertySource
  static void shortReadTimeout(DynamicPropertyRegistry registry) {
    registry.add("rebound.connector.read-timeout", () -> "500ms");
    registry.add("rebound.remediation.scheduler.retry-after-error", () -> "100ms");
    registry.add("rebound.remediation.scheduler.max-retries-after-error", () -> "2");
  }

  @Autowired StepTasks tasks;

  /** Three attempts, no backoff, breakers far away: only the retry bound stops the calls. */
  private static IncidentDecided publishRestart(RemediationIntegrationTestBase test) {
    return test.publish(
        new io.rebound.policy.Playbook(
            "restart_cluster", 3, List.of(0, 0, 0), 5, true, null, List.of(), null, 50, List.of()));
  }

  @Test
  void a500ForeverEscalatesAfterTheStepsAttempts() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 100, databricksError(500, "INTERNAL_ERROR"), "RUNNING");

    IncidentDecided decided = publishRestart(this);

    awaitState(decided, "ESCALATED");
    startsOf(cluster, 3);
    assertThat(reason(decided)).contains("restart_cluster failed 3 time(s)").contains("HTTP 500");
  }

  @Test
  void aBodyThatIsNotJsonEscalatesAfterTheStepsAttempts() throws Exception {
    String cluster = cluster();
    PLATFORM.stubFor(
        getCluster(cluster)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("<html>gateway says hello</html>")));

    IncidentDecided decided = publishRestart(this);

    awaitState(decided, "ESCALATED");
    readsOf(cluster, 3);
    startsOf(cluster, 0);
    assertThat(reason(decided)).contains("restart_cluster failed 3 time(s)");
  }

  @Test
  void noAnswerAtAllTimesOutAndEscalatesAfterTheStepsAttempts() throws Exception {
    String cluster = cluster();
    PLATFORM.stubFor(
        getCluster(cluster)
            .willReturn(okJson(clusterBody(cluster, "TERMINATED")).withFixedDelay(3_000)));

    IncidentDecided decided = publishRestart(this);

    awaitState(decided, "ESCALATED");
    readsOf(cluster, 3);
    startsOf(cluster, 0);
    assertThat(reason(decided)).contains("restart_cluster failed 3 time(s)").contains("timed out");
  }

  @Test
  void requestErrorsAreNotRetriedAndDoNotTripThePlatformBreaker() throws Exception {
    // more wrong requests than the platform breaker's threshold (5)
    List<Integer> statuses = List.of(400, 403, 404, 400, 403, 404);
    List<IncidentDecided> rejected = new ArrayList<>();
    List<String> clusters = new ArrayList<>();
    for (int status : statuses) {
      String cluster = cluster();
      clusters.add(cluster);
      stubTerminatedCluster(
          cluster, 100, databricksError(status, "INVALID_PARAMETER_VALUE"), "RUNNING");
      rejected.add(publishRestart(this));
    }
    for (int i = 0; i < rejected.size(); i++) {
      awaitState(rejected.get(i), "ESCALATED");
      startsOf(clusters.get(i), 1);
      assertThat(reason(rejected.get(i)))
          .contains("HTTP " + statuses.get(i))
          .contains("not retryable");
    }

    mvc.perform(MockMvcRequestBuilders.get("/api/breakers").with(user("viewer-1").roles("VIEWER")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.name == 'platform:databricks' && @.state == 'OPEN')]").isEmpty())
        .andExpect(
            jsonPath("$[?(@.name == 'platform:databricks' && @.failedCalls > 0)]").isEmpty());

    // the platform is still trusted: the next incident is remediated
    String healthy = cluster();
    stubTerminatedCluster(healthy, "RUNNING");
    IncidentDecided next = publishRestart(this);
    awaitState(next, "RESOLVED");
    startsOf(healthy, 1);
  }

  @Test
  void aTaskThatKeepsThrowingEscalatesItsPlanAfterItsBoundedRetries() throws Exception {
    String cluster = cluster();
    IncidentDecided decided =
        record(
            Incidents.clusterFailure(cluster, io.rebound.failure.Environment.PRODUCTION),
            Incidents.playbook("restart_cluster", 1, List.of(0), 5, List.of()),
            true);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> store.planForIncident(decided.incidentId()).isPresent());
    UUID planId = store.planForIncident(decided.incidentId()).orElseThrow().id();
    // a plan whose steps cannot be read: every run of its attempt task throws
    jdbc.sql("update remediation_plan set status = 'RUNNING' where id = :p")
        .param("p", planId)
        .update();
    jdbc.sql("delete from remediation_step where plan_id = :p").param("p", planId).update();
    tasks.attempt(planId, 0, 1, java.time.Instant.now());

    awaitState(decided, "ESCALATED");
    assertThat(reason(decided))
        .startsWith("Rebound could not run an attempt of this plan after 3 tries; last error:");
    startsOf(cluster, 0);
  }

  /**
   * A mutated body can carry an identifier no platform would issue (here 5,000 characters). The
   * plan is made and escalated at once, naming the identifier, and the platform is never called
   * with it (before, the plan failed to be stored and the reason named a Java exception).
   */
  @Test
  void anOversizedClusterIdIsEscalatedWithoutCallingThePlatform() throws Exception {
    currentCluster = "0923-164208-" + "x".repeat(5_000);
    stubTerminatedCluster(currentCluster, "RUNNING");

    IncidentDecided decided = publishRestart(this);

    awaitState(decided, "ESCALATED");
    assertThat(reason(decided))
        .startsWith("Needs a human: the alert names a ")
        .contains("5012 characters for restart_cluster")
        .doesNotContain("Exception");
    assertThat(store.planForIncident(decided.incidentId())).isPresent();
    startsOf(currentCluster, 0);
    readsOf(currentCluster, 0);
  }

  private static void readsOf(String cluster, int count) {
    PLATFORM.verify(
        count,
        getRequestedFor(urlPathEqualTo("/api/2.1/clusters/get"))
            .withQueryParam("cluster_id", equalTo(cluster)));
  }
}
