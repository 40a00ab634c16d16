package io.rebound.remediation.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the stand-in platforms when the service runs with the sandbox profile. The stubs are
 * stateful (WireMock scenarios), like the real thing: a TERMINATED cluster is PENDING after a start
 * or restart and RUNNING on the next read; a job re-run is RUNNING, then SUCCESS; an ADF recovery
 * run is InProgress, then Succeeded; a GitHub re-run is in_progress, then success.
 */
@Component
@Profile("sandbox")
class SandboxPlatforms implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SandboxPlatforms.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CLUSTER = "cluster";
  private static final String JOB = "job";
  private static final String PIPELINE = "pipeline";
  private static final String WORKFLOW = "workflow";

  private final List<WireMockServer> servers;
  private final SandboxPayloads payloads;

  SandboxPlatforms(SandboxProperties properties) {
    this.payloads = new SandboxPayloads(properties.payloads());
    WireMockServer databricks = server(properties.databricksPort());
    WireMockServer management = server(properties.azureManagementPort());
    WireMockServer login = httpsServer(properties.azureLoginPort());
    WireMockServer github = server(properties.githubPort());
    this.servers = List.of(databricks, management, login, github);
    servers.forEach(WireMockServer::start);
    stubDatabricks(databricks);
    stubDataFactory(management);
    stubAzureAd(login);
    stubGitHub(github);
    log.info(
        "Sandbox platforms answering: Databricks :{}, Azure management :{}, Azure AD :{}, GitHub :{}",
        properties.databricksPort(),
        properties.azureManagementPort(),
        properties.azureLoginPort(),
        properties.githubPort());
  }

  private static WireMockServer server(int port) {
    return new WireMockServer(
        options().port(port).bindAddress("127.0.0.1").globalTemplating(true).containerThreads(20));
  }

  /**
   * Azure AD's sign-in library accepts only an https authority; the stand-in's certificate (for
   * localhost and 127.0.0.1) is the one application-sandbox.yml tells Rebound to trust.
   */
  private static WireMockServer httpsServer(int port) {
    return new WireMockServer(
        options()
            .httpDisabled(true)
            .httpsPort(port)
            .bindAddress("127.0.0.1")
            .keystorePath("sandbox/tls/standin-tls.p12")
            .keystoreType("PKCS12")
            .keystorePassword("sandbox-only")
            .keyManagerPassword("sandbox-only")
            .globalTemplating(true)
            .containerThreads(20));
  }

  // ---------------------------------------------------------------- Databricks

  private void stubDatabricks(WireMockServer s) {
    String terminated =
        payloads
            .read("databricks_cluster_get_terminated_driver_unreachable.json")
            .replace("1234-567890-reef123", "{{request.query.cluster_id}}");
    String running =
        payloads
            .read("databricks_cluster_get_running_verbatim.json")
            .replace("1234-567890-reef123", "{{request.query.cluster_id}}")
            .replace("\"num_workers\": 0", "\"num_workers\": 2");
    String pending = running.replace("\"state\": \"RUNNING\"", "\"state\": \"PENDING\"");
    for (String version : List.of("2.0", "2.1")) {
      String clusters = "/api/" + version + "/clusters/";
      s.stubFor(
          inState(get(urlPathMatching(clusters + "get")), CLUSTER, Scenario.STARTED)
              .willReturn(okJson(terminated)));
      s.stubFor(
          inState(get(urlPathMatching(clusters + "get")), CLUSTER, "starting")
              .willReturn(okJson(pending))
              .willSetStateTo("running"));
      s.stubFor(
          inState(get(urlPathMatching(clusters + "get")), CLUSTER, "running")
              .willReturn(okJson(running)));
      // A cluster whose id starts with "busy-" is up and running, as a cluster that ran out of
      // capacity or memory under a job is: the one the dashboard's "approve a production scale-up"
      // needs (Databricks resizes only a RUNNING cluster; every other stand-in cluster starts
      // TERMINATED). Its answers do not move the shared cluster scenario.
      s.stubFor(
          get(urlPathMatching(clusters + "get"))
              .withQueryParam("cluster_id", matching("busy-.*"))
              .atPriority(1)
              .willReturn(okJson(running)));
      s.stubFor(
          post(urlPathMatching(clusters + "resize"))
              .withRequestBody(matchingJsonPath("$.cluster_id", matching("busy-.*")))
              .atPriority(1)
              .willReturn(okJson("{}")));
      for (String action : List.of("start", "restart", "resize")) {
        s.stubFor(
            post(urlPathMatching(clusters + action))
                .inScenario(CLUSTER)
                .willReturn(okJson("{}"))
                .willSetStateTo("starting"));
      }
      s.stubFor(
          post(urlPathMatching(clusters + "events"))
              .willReturn(
                  okJson(
                      payloads.read(
                          "databricks_cluster_events_driver_unreachable_sequence.json"))));
      s.stubFor(
          get(urlPathMatching("/api/" + version + "/libraries/cluster-status"))
              .willReturn(
                  okJson(
                      payloads.read("databricks_libraries_cluster_status_failed_verbatim.json"))));
      s.stubFor(
          post(urlPathMatching("/api/" + version + "/libraries/install")).willReturn(okJson("{}")));
    }
    String failedRun = payloads.read("databricks_runs_get_failed_run_execution_error.json");
    String runningRun = runState(failedRun, "RUNNING", null);
    String succeededRun = runState(failedRun, "TERMINATED", "SUCCESS");
    for (String version : List.of("2.1", "2.2")) {
      String jobs = "/api/" + version + "/jobs/";
      s.stubFor(
          inState(get(urlPathMatching(jobs + "runs/get")), JOB, Scenario.STARTED)
              .willReturn(okJson(failedRun)));
      s.stubFor(
          inState(get(urlPathMatching(jobs + "runs/get")), JOB, "rerun")
              .willReturn(okJson(runningRun))
              .willSetStateTo("rerun-done"));
      s.stubFor(
          inState(get(urlPathMatching(jobs + "runs/get")), JOB, "rerun-done")
              .willReturn(okJson(succeededRun)));
      s.stubFor(
          post(urlPathMatching(jobs + "run-now"))
              .inScenario(JOB)
              .willReturn(okJson("{\"run_id\": 41847992357999, \"number_in_job\": 2}"))
              .willSetStateTo("rerun"));
      s.stubFor(
          post(urlPathMatching(jobs + "runs/repair"))
              .inScenario(JOB)
              .willReturn(okJson("{\"repair_id\": 734650698524281}"))
              .willSetStateTo("rerun"));
      s.stubFor(
          get(urlPathMatching(jobs + "runs/get-output"))
              .willReturn(okJson(payloads.read("databricks_runs_get_output_error_verbatim.json"))));
    }
  }

  private static String runState(String runJson, String lifeCycle, String result) {
    ObjectNode run = (ObjectNode) JSON.readTree(runJson);
    run.put("run_id", 41847992357999L);
    ObjectNode state = run.putObject("state");
    state.put("life_cycle_state", lifeCycle);
    if (result != null) {
      state.put("result_state", result);
    }
    state.put("state_message", "");
    run.remove("status");
    return JSON.writeValueAsString(run);
  }

  // ---------------------------------------------------------------- Azure Data Factory (ARM)

  private void stubDataFactory(WireMockServer s) {
    String factory =
        "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.DataFactory/factories/[^/]+";
    String failed = payloads.read("adf_pipeline_run_get_failed.json");
    String recovery =
        failed.replace("8d1f6a3e-52c4-4b0e-9a7d-3c2b1e0f9a84", "{{request.path.[9]}}");
    s.stubFor(
        post(urlPathMatching(factory + "/pipelines/[^/]+/createRun"))
            .inScenario(PIPELINE)
            .willReturn(okJson("{\"runId\": \"5a1d0c7e-0f3b-4c2e-9d61-8e4f2b7a9c10\"}"))
            .willSetStateTo("recovering"));
    s.stubFor(
        inState(get(urlPathMatching(factory + "/pipelineruns/[^/]+")), PIPELINE, Scenario.STARTED)
            .willReturn(okJson(failed)));
    s.stubFor(
        inState(get(urlPathMatching(factory + "/pipelineruns/[^/]+")), PIPELINE, "recovering")
            .willReturn(okJson(withStatus(recovery, "InProgress")))
            .willSetStateTo("recovered"));
    s.stubFor(
        inState(get(urlPathMatching(factory + "/pipelineruns/[^/]+")), PIPELINE, "recovered")
            .willReturn(okJson(withStatus(recovery, "Succeeded"))));
    s.stubFor(
        post(urlPathMatching(factory + "/queryPipelineRuns"))
            .willReturn(okJson(payloads.read("adf_pipeline_runs_query_failed.json"))));
    s.stubFor(
        post(urlPathMatching(factory + "/pipelineruns/[^/]+/queryActivityruns"))
            .willReturn(
                okJson(payloads.read("adf_activity_runs_query_failed_copy_blob_not_exist.json"))));
  }

  private static String withStatus(String run, String status) {
    ObjectNode node = (ObjectNode) JSON.readTree(run);
    node.put("status", status);
    if (!"Failed".equals(status)) {
      node.put("message", "");
    }
    return JSON.writeValueAsString(node);
  }

  // ---------------------------------------------------------------- Azure AD

  private void stubAzureAd(WireMockServer s) {
    JsonNode success =
        JSON.readTree(payloads.read("aad_token_responses_verbatim.json")).path("success");
    JsonNode body = success.has("body") ? success.path("body") : success;
    s.stubFor(
        post(urlPathMatching("/[^/]+/oauth2/v2.0/token"))
            .willReturn(okJson(JSON.writeValueAsString(body))));
  }

  // ---------------------------------------------------------------- GitHub

  private void stubGitHub(WireMockServer s) {
    JsonNode run =
        JSON.readTree(payloads.read("github_workflow_run_completed_success_verbatim.json"))
            .path("workflow_run");
    ObjectNode inProgress = (ObjectNode) run.deepCopy();
    inProgress.put("status", "in_progress");
    inProgress.putNull("conclusion");
    String runs = "/repos/[^/]+/[^/]+/actions/runs/[^/]+";
    s.stubFor(
        post(urlPathMatching(runs + "/(rerun|rerun-failed-jobs)"))
            .inScenario(WORKFLOW)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}"))
            .willSetStateTo("rerunning"));
    s.stubFor(
        inState(get(urlPathMatching(runs)), WORKFLOW, "rerunning")
            .willReturn(okJson(JSON.writeValueAsString(inProgress)))
            .willSetStateTo("rerun-done"));
    s.stubFor(
        inState(get(urlPathMatching(runs)), WORKFLOW, "rerun-done")
            .willReturn(okJson(JSON.writeValueAsString(run))));
    s.stubFor(
        inState(get(urlPathMatching(runs)), WORKFLOW, Scenario.STARTED)
            .willReturn(
                okJson(JSON.writeValueAsString(run).replace("\"success\"", "\"failure\""))));
    s.stubFor(any(urlPathMatching("/repos/.*")).atPriority(10).willReturn(okJson("{}")));
  }

  private static com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder inState(
      MappingBuilder mapping, String scenario, String state) {
    return mapping.inScenario(scenario).whenScenarioStateIs(state);
  }

  @Override
  public void destroy() {
    servers.forEach(WireMockServer::stop);
  }
}
