package io.rebound.extract;

import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Azure DevOps service hooks: "build.complete" (resource is the build) and
 * "ms.vss-pipelines.run-state-changed-event" (resource.run is the pipeline run).
 */
final class AzureDevOpsReader implements BodyReader {

  private static final CiStatus STATUS =
      new CiStatus(
          Set.of("failed", "canceled", "partiallysucceeded"),
          Set.of("succeeded"),
          Set.of("inprogress", "notstarted", "running", "cancelling"));

  @Override
  public boolean recognises(JsonNode body) {
    return body.has("eventType") && body.path("resource").isObject();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode resource = body.path("resource");
    boolean pipelineRun = resource.path("run").isObject();
    JsonNode run = pipelineRun ? resource.path("run") : resource;
    String result = Json.text(run, "result");
    String state = Json.first(Json.text(run, "state"), Json.text(run, "status"));
    return new FactBuilder(Source.AZURE_DEVOPS)
        .kind(ResourceKind.WORKFLOW_RUN)
        .outcome(STATUS.outcome(result != null ? result : state))
        .pipeline(
            Json.first(
                Json.text(run, "pipeline", "name"),
                Json.text(resource, "pipeline", "name"),
                Json.text(run, "definition", "name")))
        .workflowRunId(Json.text(run, "id"))
        .repository(
            Json.first(Json.text(run, "repository", "name"), Json.text(run, "repository", "id")))
        .branch(Json.text(run, "sourceBranch"))
        .platformCode(result)
        .message(Json.text(body, "detailedMessage", "text"), Json.text(body, "message", "text"))
        .occurredAt(Json.instantOf(run, "finishedDate", "finishTime", "createdDate"))
        .attribute("eventType", Json.text(body, "eventType"))
        .attribute("result", result)
        .attribute("state", state)
        .attribute("buildNumber", Json.first(Json.text(run, "buildNumber"), Json.text(run, "name")))
        .attribute("runUrl", Json.text(run, "url"));
  }
}
