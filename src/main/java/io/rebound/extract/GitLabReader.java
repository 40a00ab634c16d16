package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** GitLab pipeline hooks (object_kind "pipeline"); the first failed job says why. */
final class GitLabReader implements BodyReader {

  private static final CiStatus STATUS =
      new CiStatus(
          Set.of("failed", "canceled"),
          Set.of("success"),
          Set.of(
              "created", "waiting_for_resource", "preparing", "pending", "running", "scheduled"));

  @Override
  public boolean recognises(JsonNode body) {
    return "pipeline".equals(Json.text(body, "object_kind"))
        && body.path("object_attributes").isObject();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode pipeline = body.path("object_attributes");
    String status = Json.text(pipeline, "status");
    FactBuilder fact =
        new FactBuilder(Source.GITLAB)
            .kind(ResourceKind.WORKFLOW_RUN)
            .outcome(STATUS.outcome(status))
            .repository(Json.text(body, "project", "path_with_namespace"))
            .pipeline(Json.text(pipeline, "name"))
            .workflowRunId(Json.text(pipeline, "id"))
            .branch(Json.text(pipeline, "ref"))
            .occurredAt(Json.instantOf(pipeline, "finished_at", "created_at"))
            .attribute("status", status)
            .attribute("pipelineSource", Json.text(pipeline, "source"))
            .attribute("pipelineUrl", Json.text(pipeline, "url"))
            .attribute("sha", Json.text(pipeline, "sha"));
    // GitLab's own example reports a failed job in a successful pipeline (allowed to fail):
    // only a failed pipeline's failed job says why it failed.
    Optional<JsonNode> failedJob =
        Json.elements(body, "builds")
            .filter(build -> Outcome.FAILED == fact.outcome())
            .filter(build -> "failed".equals(Json.text(build, "status")))
            .findFirst();
    failedJob.ifPresent(
        job ->
            fact.taskKey(Json.text(job, "name"))
                .runId(Json.text(job, "id"))
                .platformCode(Json.text(job, "failure_reason"))
                .attribute("failureReason", Json.text(job, "failure_reason"))
                .attribute("failedJob", Json.text(job, "name"))
                .attribute("failedStage", Json.text(job, "stage")));
    return fact.platformCode(failedJob.isEmpty() ? status : null);
  }
}
