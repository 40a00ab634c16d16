package io.rebound.features;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds what Rebound is asked about: a failure fact, or a real body from
 * src/test/resources/shared/payloads.
 */
public class FactSteps {

  static final Path PAYLOADS = Path.of("src", "test", "resources", "shared", "payloads");

  private final ScenarioState state;
  private final ObjectMapper json;

  public FactSteps(ScenarioState state, ObjectMapper json) {
    this.state = state;
    this.json = json;
  }

  @ParameterType("production|staging|development")
  public String environment(String value) {
    return value;
  }

  @Given("a Databricks cluster in {environment} terminated with code {string} of type {string}")
  public void clusterTerminated(String environment, String code, String type) {
    ObjectNode fact = fact("databricks", environment, "CLUSTER", "TERMINATED");
    fact.putObject("resource").put("clusterId", "0923-164208-meows279");
    fact.putObject("codes").put("terminationCode", code).put("terminationType", type);
    fact.put("errorMessage", "Cluster terminated. Reason: " + code);
  }

  @Given(
      "an Azure Data Factory {word} activity in {environment} failed with error code {string} and"
          + " message {string}")
  public void adfActivityFailed(
      String activityType, String environment, String code, String message) {
    ObjectNode fact = fact("azure-data-factory", environment, "ACTIVITY_RUN", "FAILED");
    fact.putObject("resource")
        .put("factory", "adf-contoso-prod")
        .put("pipeline", "pl_orders_daily")
        .put("pipelineRunId", "4e7b8a2c-1f3d-4c5e-9a6b-0d2e8f1c3b5a")
        .put("activity", "Copy orders")
        .put("activityType", activityType);
    fact.putObject("codes").put("activityCode", code);
    fact.put("errorMessage", message);
  }

  @Given(
      "an Azure Data Factory {word} activity in {environment} failed with error code {string},"
          + " HTTP status {int} and message {string}")
  public void adfActivityFailedWithHttpStatus(
      String activityType, String environment, String code, int httpStatus, String message) {
    adfActivityFailed(activityType, environment, code, message);
    ((ObjectNode) state.request().path("fact").path("codes")).put("httpStatus", httpStatus);
  }

  @Given(
      "an Azure Data Factory {word} activity in {environment} failed with error code {string},"
          + " connector code {string} and message {string}")
  public void adfActivityFailedWithConnectorCode(
      String activityType, String environment, String code, String connectorCode, String message) {
    adfActivityFailed(activityType, environment, code, message);
    ((ObjectNode) state.request().path("fact").path("codes")).put("connectorCode", connectorCode);
  }

  @Given(
      "a Databricks job run in {environment} failed with termination code {string} and message"
          + " {string}")
  public void jobRunFailed(String environment, String code, String message) {
    ObjectNode fact = fact("databricks", environment, "JOB_RUN", "FAILED");
    fact.putObject("resource")
        .put("workspace", "1234567890123456")
        .put("jobId", "281874479417551")
        .put("runId", "41847992357943")
        .put("clusterId", "0923-164208-meows279");
    ObjectNode codes =
        fact.putObject("codes").put("lifeCycleState", "TERMINATED").put("resultState", "FAILED");
    if (!code.isBlank()) {
      codes.put("runTerminationCode", code);
    }
    fact.put("errorMessage", message);
  }

  @Given("a Databricks library {string} in {environment} failed to install with message {string}")
  public void libraryFailed(String library, String environment, String message) {
    ObjectNode fact = fact("databricks", environment, "LIBRARY", "FAILED");
    fact.putObject("resource").put("clusterId", "0923-164208-meows279").put("library", library);
    fact.putObject("codes").put("runTerminationCode", "LIBRARY_INSTALLATION_ERROR");
    fact.put("errorMessage", message);
  }

  @Given("a {word} CI run in {environment} failed with message {string}")
  public void ciRunFailed(String platform, String environment, String message) {
    ObjectNode fact =
        fact(platform.toLowerCase(Locale.ROOT), environment, "WORKFLOW_RUN", "FAILED");
    fact.putObject("resource")
        .put("repository", "contoso/data-pipelines")
        .put("workflowRunId", "30433642")
        .put("pipeline", "Build");
    fact.put("errorMessage", message);
  }

  @Given("the {string} body {string}")
  public void realBody(String source, String file) throws IOException {
    state.request(json.createObjectNode());
    state.request().put("source", source);
    state.request().set("payload", json.readTree(Files.readString(PAYLOADS.resolve(file))));
  }

  @Given("the environment is overridden to {string}")
  public void environmentOverride(String environment) {
    state.request().put("environment", environment);
  }

  private ObjectNode fact(String source, String environment, String kind, String outcome) {
    state.request(json.createObjectNode());
    ObjectNode fact = state.request().putObject("fact");
    fact.put("source", source)
        .put("environment", environment)
        .put("resourceKind", kind)
        .put("outcome", outcome)
        .put("occurredAt", "2026-11-23T03:12:45Z");
    return fact;
  }
}
