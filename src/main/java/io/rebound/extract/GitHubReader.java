package io.rebound.extract;

import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** GitHub Actions webhooks: workflow_run and workflow_job events. */
final class GitHubReader implements BodyReader {

  private static final CiStatus STATUS =
      new CiStatus(
          Set.of("failure", "timed_out", "cancelled", "startup_failure", "action_required"),
          Set.of("success"),
          Set.of("in_progress", "queued", "requested", "waiting", "pending"));

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("workflow_run").isObject() || body.path("workflow_job").isObject();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode run =
        body.path("workflow_run").isObject()
            ? body.path("workflow_run")
            : body.path("workflow_job");
    String conclusion = Json.text(run, "conclusion");
    String status = Json.text(run, "status");
    FactBuilder fact =
        new FactBuilder(Source.GITHUB)
            .kind(ResourceKind.WORKFLOW_RUN)
            .outcome(STATUS.outcome(conclusion != null ? conclusion : status))
            .repository(Json.text(body, "repository", "full_name"))
            .branch(Json.text(run, "head_branch"))
            .platformCode(conclusion)
            .occurredAt(Json.instantOf(run, "completed_at", "updated_at", "started_at"))
            .attribute("action", Json.text(body, "action"))
            .attribute("status", status)
            .attribute("conclusion", conclusion)
            .attribute("headSha", Json.text(run, "head_sha"))
            .attribute("htmlUrl", Json.text(run, "html_url"))
            .attribute("runAttempt", Json.text(run, "run_attempt"));
    if (body.path("workflow_run").isObject()) {
      return fact.workflowRunId(Json.text(run, "id"))
          .pipeline(Json.first(Json.text(run, "name"), Json.text(body, "workflow", "name")))
          .attribute("event", Json.text(run, "event"))
          .attribute("runNumber", Json.text(run, "run_number"))
          .attribute("displayTitle", Json.text(run, "display_title"));
    }
    // A job: the workflow run is the resource, the job names the failing part of it.
    return fact.workflowRunId(Json.text(run, "run_id"))
        .pipeline(Json.text(run, "workflow_name"))
        .taskKey(Json.text(run, "name"))
        .runId(Json.text(run, "id"))
        .attribute(
            "failedStep",
            Json.elements(run, "steps")
                .filter(step -> "failure".equals(Json.text(step, "conclusion")))
                .map(step -> Json.text(step, "name"))
                .findFirst()
                .orElse(null));
  }
}
