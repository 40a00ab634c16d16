package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DatabricksClientTest {

  private static final String CLUSTER = "1234-567890-reef123";
  private static final String RUNS_GET = "/api/2.2/jobs/runs/get";
  private static final String CLUSTERS_GET = "/api/2.1/clusters/get";

  private final WireMockServer wireMock = new WireMockServer(options().dynamicPort());
  private DatabricksClient databricks;

  @BeforeEach
  void start() {
    wireMock.start();
    databricks =
        new DatabricksClient(
            new DatabricksApi(
                new DatabricksProperties(wireMock.baseUrl(), "dapi-test-token", 20),
                new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))),
            20);
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  private static ActionRequest request(
      String action, Map<String, String> target, Map<String, String> parameters) {
    return new ActionRequest(action, target, parameters, "incident-42/step-1/attempt-1");
  }

  /** A payload file with some fields changed, for states the shared payloads do not show. */
  private static String derived(String file, Consumer<ObjectNode> change) {
    ObjectNode node = (ObjectNode) Payloads.json(file);
    change.accept(node);
    return Payloads.JSON.writeValueAsString(node);
  }

  private void clusterIs(String body) {
    wireMock.stubFor(
        get(urlPathEqualTo(CLUSTERS_GET))
            .withQueryParam("cluster_id", equalTo(CLUSTER))
            .willReturn(okJson(body)));
  }

  private static String runningCluster() {
    return Payloads.text("databricks/databricks_cluster_get_running_verbatim.json");
  }

  private static String terminatedCluster() {
    return Payloads.text("databricks/databricks_cluster_get_terminated_driver_unreachable.json");
  }

  @Nested
  class Jobs {

    private final String failedRun =
        Payloads.text("databricks/databricks_runs_get_failed_run_execution_error.json");

    @Test
    void retryJobStartsTheJobWithTheAttemptsIdempotencyToken() {
      wireMock.stubFor(
          post(urlPathEqualTo("/api/2.2/jobs/run-now"))
              .willReturn(
                  okJson(
                      Payloads.entry(
                          "databricks/databricks_jobs_requests_verbatim.json",
                          "run_now",
                          "response"))));

      ActionResult result =
          databricks.perform(request("retry_job", Map.of("jobId", "11223344"), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      assertThat(result.reference()).isEqualTo("455644833");
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now"))
              .withRequestBody(
                  equalToJson(
                      "{\"job_id\":11223344,"
                          + "\"idempotency_token\":\"incident-42/step-1/attempt-1\"}")));
    }

    @Test
    void longAttemptKeysBecomeAStable64CharacterToken() {
      String key = "incident-" + "x".repeat(100);
      String token = IdempotencyTokens.forDatabricks(key);
      assertThat(token).hasSize(64).isEqualTo(IdempotencyTokens.forDatabricks(key));
      assertThat(IdempotencyTokens.forDatabricks(key + "y")).isNotEqualTo(token);
    }

    @Test
    void repairRunRerunsAllFailedTasksOfTheEndedRun() {
      wireMock.stubFor(
          get(urlPathEqualTo(RUNS_GET))
              .withQueryParam("run_id", equalTo("41847992357943"))
              .willReturn(okJson(failedRun)));
      wireMock.stubFor(
          post(urlPathEqualTo("/api/2.2/jobs/runs/repair"))
              .willReturn(
                  okJson(
                      Payloads.entry(
                          "databricks/databricks_jobs_requests_verbatim.json",
                          "repair_run_all_failed__RECONSTRUCTED",
                          "response"))));

      ActionResult result =
          databricks.perform(request("repair_run", Map.of("runId", "41847992357943"), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      assertThat(result.reference()).isEqualTo("41847992357943");
      assertThat(result.data()).containsEntry("repairId", "734650698524280");
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/repair"))
              .withRequestBody(
                  equalToJson(
                      "{\"run_id\":41847992357943,\"rerun_all_failed_tasks\":true,"
                          + "\"rerun_dependent_tasks\":true}")));
    }

    @Test
    void aSecondRepairNamesTheLatestRepair() {
      String repairedOnceAndFailed =
          derived(
              "databricks/databricks_runs_get_failed_run_execution_error.json",
              run ->
                  run.set(
                      "repair_history",
                      Payloads.JSON.readTree(
                          "[{\"type\":\"ORIGINAL\",\"id\":734650698524280},"
                              + "{\"type\":\"REPAIR\",\"id\":734650698524281}]")));
      wireMock.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(repairedOnceAndFailed)));
      wireMock.stubFor(
          post(urlPathEqualTo("/api/2.2/jobs/runs/repair"))
              .willReturn(okJson("{\"repair_id\":734650698524282}")));

      databricks.perform(request("repair_run", Map.of("runId", "41847992357943"), Map.of()));

      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/repair"))
              .withRequestBody(matchingJsonPath("$.latest_repair_id", equalTo("734650698524281"))));
    }

    @Test
    void aRepairAlreadyRunningIsNotStartedTwice() {
      String repairing =
          derived(
              "databricks/databricks_runs_get_failed_run_execution_error.json",
              run -> {
                ((ObjectNode) run.get("state")).put("life_cycle_state", "RUNNING");
                ((ObjectNode) run.get("state")).remove("result_state");
                run.set(
                    "repair_history",
                    Payloads.JSON.readTree("[{\"type\":\"REPAIR\",\"id\":734650698524281}]"));
              });
      wireMock.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(repairing)));

      ActionResult result =
          databricks.perform(request("repair_run", Map.of("runId", "41847992357943"), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
      assertThat(result.detail()).contains("734650698524281").contains("RUNNING");
      wireMock.verify(0, postRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/repair")));
    }

    @Test
    void runSucceededFollowsTheRunsLifeCycle() {
      ActionRequest retry = request("retry_job", Map.of("jobId", "281874479417551"), Map.of());
      ActionResult started =
          new ActionResult(ActionResult.Status.DONE, "41847992357943", "started", Map.of());

      wireMock.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(failedRun)));
      assertThat(databricks.checkHealth("run_succeeded", retry, started).status())
          .isEqualTo(HealthCheckResult.Status.UNHEALTHY);

      wireMock.stubFor(
          get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(withRunState("RUNNING", null))));
      assertThat(databricks.checkHealth("run_succeeded", retry, started).status())
          .isEqualTo(HealthCheckResult.Status.PENDING);

      wireMock.stubFor(
          get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(withRunState("TERMINATED", "SUCCESS"))));
      HealthCheckResult success = databricks.checkHealth("run_succeeded", retry, started);
      assertThat(success.status()).isEqualTo(HealthCheckResult.Status.HEALTHY);
      assertThat(success.detail()).contains("41847992357943");
    }

    @Test
    void internalErrorRunIsUnhealthy() {
      wireMock.stubFor(
          get(urlPathEqualTo(RUNS_GET))
              .willReturn(
                  okJson(
                      Payloads.text(
                          "databricks/databricks_runs_get_failed_driver_unreachable.json"))));

      HealthCheckResult health =
          databricks.checkHealth(
              "run_succeeded",
              request("repair_run", Map.of("runId", "41847992357943"), Map.of()),
              null);

      assertThat(health.status()).isEqualTo(HealthCheckResult.Status.UNHEALTHY);
      assertThat(health.detail()).contains("INTERNAL_ERROR");
    }

    private String withRunState(String lifeCycle, String result) {
      return derived(
          "databricks/databricks_runs_get_failed_run_execution_error.json",
          run -> {
            ObjectNode state = (ObjectNode) run.get("state");
            state.put("life_cycle_state", lifeCycle);
            if (result == null) {
              state.remove("result_state");
            } else {
              state.put("result_state", result);
            }
          });
    }
  }

  @Nested
  class Clusters {

    @Test
    void startClusterStartsATerminatedCluster() {
      clusterIs(terminatedCluster());
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/start")).willReturn(okJson("{}")));

      ActionResult result =
          databricks.perform(request("start_cluster", Map.of("clusterId", CLUSTER), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      assertThat(result.reference()).isEqualTo(CLUSTER);
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/start"))
              .withRequestBody(equalToJson("{\"cluster_id\":\"" + CLUSTER + "\"}")));
    }

    @Test
    void startClusterLeavesARunningClusterAlone() {
      clusterIs(runningCluster());

      ActionResult result =
          databricks.perform(request("start_cluster", Map.of("clusterId", CLUSTER), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
      wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void restartOfARunningClusterIsSkippedUnlessForced() {
      clusterIs(runningCluster());
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/restart")).willReturn(okJson("{}")));

      ActionResult unforced =
          databricks.perform(request("restart_cluster", Map.of("clusterId", CLUSTER), Map.of()));
      assertThat(unforced.status()).isEqualTo(ActionResult.Status.SKIPPED);
      assertThat(unforced.detail()).contains("RUNNING").contains("force");
      wireMock.verify(0, postRequestedFor(anyUrl()));

      ActionResult forced =
          databricks.perform(
              request("restart_cluster", Map.of("clusterId", CLUSTER), Map.of("force", "true")));
      assertThat(forced.status()).isEqualTo(ActionResult.Status.DONE);
      wireMock.verify(
          1,
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart"))
              .withRequestBody(equalToJson("{\"cluster_id\":\"" + CLUSTER + "\"}")));
    }

    @Test
    void restartOfATerminatedClusterStartsIt() {
      clusterIs(terminatedCluster());
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/start")).willReturn(okJson("{}")));

      ActionResult result =
          databricks.perform(request("restart_cluster", Map.of("clusterId", CLUSTER), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      wireMock.verify(1, postRequestedFor(urlPathEqualTo("/api/2.1/clusters/start")));
      wireMock.verify(0, postRequestedFor(urlPathEqualTo("/api/2.1/clusters/restart")));
    }

    @Test
    void restartOfAClusterThatIsAlreadyRestartingIsSkipped() {
      clusterIs(
          derived(
              "databricks/databricks_cluster_get_running_verbatim.json",
              c -> c.put("state", "RESTARTING")));

      ActionResult result =
          databricks.perform(
              request("restart_cluster", Map.of("clusterId", CLUSTER), Map.of("force", "true")));

      assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
      assertThat(result.detail()).contains("RESTARTING");
      wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void scaleAddsHalfAgainAsManyWorkersAndRemembersTheOldSize() {
      clusterIs(
          derived(
              "databricks/databricks_cluster_get_running_verbatim.json",
              c -> c.put("num_workers", 4)));
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/resize")).willReturn(okJson("{}")));

      ActionResult result =
          databricks.perform(request("scale_cluster", Map.of("clusterId", CLUSTER), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      assertThat(result.data())
          .containsEntry("previousNumWorkers", "4")
          .containsEntry("numWorkers", "6");
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
              .withRequestBody(
                  equalToJson("{\"cluster_id\":\"" + CLUSTER + "\",\"num_workers\":6}")));
    }

    @Test
    void scaleKeepsAnAutoscalingClusterAutoscalingWithinTheCeiling() {
      clusterIs(
          derived(
              "databricks/databricks_cluster_get_running_verbatim.json",
              c -> {
                c.remove("num_workers");
                c.set(
                    "autoscale", Payloads.JSON.readTree("{\"min_workers\":2,\"max_workers\":16}"));
              }));
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/resize")).willReturn(okJson("{}")));

      ActionResult result =
          databricks.perform(request("scale_cluster", Map.of("clusterId", CLUSTER), Map.of()));

      assertThat(result.data())
          .containsEntry("previousMinWorkers", "2")
          .containsEntry("previousMaxWorkers", "16");
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
              .withRequestBody(
                  equalToJson(
                      "{\"cluster_id\":\""
                          + CLUSTER
                          + "\","
                          + "\"autoscale\":{\"min_workers\":3,\"max_workers\":20}}")));
    }

    @Test
    void aRepeatedScaleWithTheEarlierSnapshotAsksForTheSameSize() {
      clusterIs(
          derived(
              "databricks/databricks_cluster_get_running_verbatim.json",
              c -> c.put("num_workers", 6))); // the first try did resize 4 -> 6
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/resize")).willReturn(okJson("{}")));

      ActionResult again =
          databricks.perform(
              request(
                  "scale_cluster",
                  Map.of("clusterId", CLUSTER),
                  Map.of("previousNumWorkers", "4")));

      assertThat(again.status()).isEqualTo(ActionResult.Status.SKIPPED);
      wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void scaleAtTheCeilingDoesNothing() {
      clusterIs(
          derived(
              "databricks/databricks_cluster_get_running_verbatim.json",
              c -> c.put("num_workers", 20)));

      ActionResult result =
          databricks.perform(request("scale_cluster", Map.of("clusterId", CLUSTER), Map.of()));

      assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
      assertThat(result.detail()).contains("max-workers");
      wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void scaleOfATerminatedClusterIsRefusedWithoutRetry() {
      clusterIs(terminatedCluster());

      assertThatThrownBy(
              () ->
                  databricks.perform(
                      request("scale_cluster", Map.of("clusterId", CLUSTER), Map.of())))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("TERMINATED").contains("RUNNING");
              });
    }

    @Test
    void restorePutsTheSnapshottedSizeBack() {
      clusterIs(runningCluster());
      wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/resize")).willReturn(okJson("{}")));

      databricks.perform(
          request(
              "restore_cluster_size",
              Map.of("clusterId", CLUSTER),
              Map.of("previousMinWorkers", "2", "previousMaxWorkers", "8")));

      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.1/clusters/resize"))
              .withRequestBody(
                  equalToJson(
                      "{\"cluster_id\":\""
                          + CLUSTER
                          + "\","
                          + "\"autoscale\":{\"min_workers\":2,\"max_workers\":8}}")));
    }

    @Test
    void clusterRunningNeedsStateRunningAndADriver() {
      ActionRequest start = request("start_cluster", Map.of("clusterId", CLUSTER), Map.of());

      clusterIs(runningCluster());
      assertThat(databricks.checkHealth("cluster_running", start, null).status())
          .isEqualTo(HealthCheckResult.Status.HEALTHY);

      clusterIs(
          derived(
              "databricks/databricks_cluster_get_running_verbatim.json",
              c -> c.put("state", "PENDING")));
      assertThat(databricks.checkHealth("cluster_running", start, null).status())
          .isEqualTo(HealthCheckResult.Status.PENDING);

      clusterIs(terminatedCluster());
      HealthCheckResult terminated = databricks.checkHealth("cluster_running", start, null);
      assertThat(terminated.status()).isEqualTo(HealthCheckResult.Status.UNHEALTHY);
      assertThat(terminated.detail()).contains("TERMINATED");
    }
  }

  @Nested
  class Libraries {

    private final Map<String, String> target =
        Map.of("clusterId", CLUSTER, "library", "pandas==2.1.4");

    @Test
    void reinstallPicksTheNextVersionThatIsNotTheFailedOne() {
      wireMock.stubFor(
          post(urlPathEqualTo("/api/2.0/libraries/uninstall")).willReturn(okJson("{}")));
      wireMock.stubFor(post(urlPathEqualTo("/api/2.0/libraries/install")).willReturn(okJson("{}")));

      ActionResult first =
          databricks.perform(
              request(
                  "reinstall_library",
                  target,
                  Map.of("libraryVersions", "2.1.4, 2.2.2, 2.0.3", "attempt", "1")));
      ActionResult second =
          databricks.perform(
              request(
                  "reinstall_library",
                  target,
                  Map.of("libraryVersions", "2.1.4, 2.2.2, 2.0.3", "attempt", "2")));

      assertThat(first.data()).containsEntry("library", "pandas==2.2.2");
      assertThat(second.data()).containsEntry("library", "pandas==2.0.3");
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.0/libraries/install"))
              .withRequestBody(
                  equalToJson(
                      "{\"cluster_id\":\""
                          + CLUSTER
                          + "\","
                          + "\"libraries\":[{\"pypi\":{\"package\":\"pandas==2.2.2\"}}]}")));
      wireMock.verify(
          0,
          postRequestedFor(urlPathEqualTo("/api/2.0/libraries/install"))
              .withRequestBody(matchingJsonPath("$..package", equalTo("pandas==2.1.4"))));
      wireMock.verify(
          2,
          postRequestedFor(urlPathEqualTo("/api/2.0/libraries/uninstall"))
              .withRequestBody(
                  matchingJsonPath("$.libraries[0].pypi.package", equalTo("pandas==2.1.4"))));
    }

    @Test
    void noVersionLeftToTryIsNotRetryable() {
      assertThatThrownBy(
              () ->
                  databricks.perform(
                      request(
                          "reinstall_library",
                          target,
                          Map.of("libraryVersions", "2.1.4,2.2.2", "attempt", "2"))))
          .isInstanceOfSatisfying(
              ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
      wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void mavenCoordinatesAreReinstalledAsMaven() {
      wireMock.stubFor(post(urlPathEqualTo("/api/2.0/libraries/install")).willReturn(okJson("{}")));

      databricks.perform(
          request(
              "reinstall_library",
              Map.of(
                  "clusterId", CLUSTER, "library", "com.microsoft.azure:azure-sqldb-spark:1.0.2"),
              Map.of("libraryVersions", "1.0.1", "uninstallFailed", "false")));

      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/api/2.0/libraries/install"))
              .withRequestBody(
                  matchingJsonPath(
                      "$.libraries[0].maven.coordinates",
                      equalTo("com.microsoft.azure:azure-sqldb-spark:1.0.1"))));
      wireMock.verify(0, postRequestedFor(urlPathEqualTo("/api/2.0/libraries/uninstall")));
    }

    @Test
    void libraryInstalledReadsTheClustersLibraryStatus() {
      ActionRequest reinstall = request("reinstall_library", target, Map.of());
      String verbatim =
          Payloads.text("databricks/databricks_libraries_cluster_status_failed_verbatim.json");
      wireMock.stubFor(
          get(urlPathEqualTo("/api/2.0/libraries/cluster-status"))
              .withQueryParam("cluster_id", equalTo(CLUSTER))
              .willReturn(okJson(verbatim)));

      // the verbatim status lists beautifulsoup4 (INSTALLING) and nothing for pandas yet
      assertThat(
              databricks
                  .checkHealth("library_installed", reinstall, installed("beautifulsoup4==4.12.3"))
                  .status())
          .isEqualTo(HealthCheckResult.Status.PENDING);
      assertThat(databricks.checkHealth("library_installed", reinstall, installed("pandas==2.2.2")))
          .extracting(HealthCheckResult::status)
          .isEqualTo(HealthCheckResult.Status.PENDING);

      wireMock.stubFor(
          get(urlPathEqualTo("/api/2.0/libraries/cluster-status"))
              .willReturn(okJson(verbatim.replace("\"INSTALLING\"", "\"INSTALLED\""))));
      assertThat(
              databricks
                  .checkHealth("library_installed", reinstall, installed("beautifulsoup4==4.12.3"))
                  .status())
          .isEqualTo(HealthCheckResult.Status.HEALTHY);

      wireMock.stubFor(
          get(urlPathEqualTo("/api/2.0/libraries/cluster-status"))
              .willReturn(okJson(verbatim.replace("\"INSTALLING\"", "\"FAILED\""))));
      HealthCheckResult failed =
          databricks.checkHealth(
              "library_installed", reinstall, installed("beautifulsoup4==4.12.3"));
      assertThat(failed.status()).isEqualTo(HealthCheckResult.Status.UNHEALTHY);
      assertThat(failed.detail()).contains("Successfully resolved package from PyPI");
    }

    private ActionResult installed(String library) {
      return new ActionResult(
          ActionResult.Status.DONE, CLUSTER, "installing", Map.of("library", library));
    }
  }

  @Nested
  class Errors {

    private ConnectorException failureOfRetryJob(ResponseDefinitionBuilder answer) {
      wireMock.stubFor(post(urlPathEqualTo("/api/2.2/jobs/run-now")).willReturn(answer));
      try {
        databricks.perform(request("retry_job", Map.of("jobId", "11223344"), Map.of()));
      } catch (ConnectorException e) {
        return e;
      }
      throw new AssertionError("expected a ConnectorException");
    }

    @Test
    void tooManyRequestsIsRetryableAfterRetryAfter() {
      ConnectorException e =
          failureOfRetryJob(Payloads.databricksError("request_limit_exceeded_429"));
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).isEqualTo(429);
      assertThat(e.retryAfterSeconds()).isEqualTo(3);
      wireMock.verify(1, postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now")));
    }

    @Test
    void unavailableIsRetryableAfterRetryAfter() {
      ConnectorException e =
          failureOfRetryJob(Payloads.databricksError("temporarily_unavailable_503"));
      assertThat(e.retryable()).isTrue();
      assertThat(e.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void serverErrorIsRetryable() {
      ConnectorException e =
          failureOfRetryJob(Payloads.databricksError("legacy_api12_error_string"));
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).isEqualTo(500);
      assertThat(e.retryAfterSeconds()).isNull();
    }

    @Test
    void rateLimitSentAsBadRequestIsRetryable() {
      ConnectorException e =
          failureOfRetryJob(
              aResponse()
                  .withStatus(400)
                  .withHeader("Content-Type", "application/json")
                  .withBody(
                      Payloads.entry(
                          "databricks/databricks_api_errors.json",
                          "request_limit_exceeded_429",
                          "body")));
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void permissionDeniedIsNotRetryable() {
      ConnectorException e = failureOfRetryJob(Payloads.databricksError("permission_denied_403"));
      assertThat(e.retryable()).isFalse();
      assertThat(e.httpStatus()).isEqualTo(403);
      assertThat(e.getMessage()).contains("CAN_MANAGE");
      assertThat(e.getCause()).as("no SDK type leaves the package").isNull();
    }

    @Test
    void invalidParameterIsNotRetryable() {
      wireMock.stubFor(
          get(urlPathEqualTo(RUNS_GET))
              .willReturn(
                  okJson(
                      Payloads.text(
                          "databricks/databricks_runs_get_failed_run_execution_error.json"))));
      wireMock.stubFor(
          post(urlPathEqualTo("/api/2.2/jobs/runs/repair"))
              .willReturn(Payloads.databricksError("repair_run_in_progress_400")));

      assertThatThrownBy(
              () ->
                  databricks.perform(request("repair_run", Map.of("runId", "455644833"), Map.of())))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.getMessage()).contains("INVALID_PARAMETER_VALUE");
              });
    }

    @Test
    void tokenNeverAppearsInAnError() {
      ConnectorException e = failureOfRetryJob(Payloads.databricksError("unauthenticated_401"));
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).doesNotContain("dapi-test-token");
    }

    @Test
    void escalateIsNotADatabricksAction() {
      assertThatThrownBy(() -> databricks.perform(request("escalate", Map.of(), Map.of())))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
