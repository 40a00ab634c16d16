package io.rebound.extract;

import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** CircleCI webhooks: "workflow-completed" and "job-completed". */
final class CircleCiReader implements BodyReader {

  private static final CiStatus STATUS =
      new CiStatus(
          Set.of(
              "failed",
              "error",
              "failing",
              "canceled",
              "unauthorized",
              "infrastructure_fail",
              "timedout"),
          Set.of("success"),
          Set.of("running", "on_hold", "queued"));

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("workflow").isObject() && body.path("pipeline").isObject();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode workflow = body.path("workflow");
    JsonNode job = body.path("job");
    JsonNode reported = job.isObject() ? job : workflow;
    String status = Json.text(reported, "status");
    JsonNode vcs = body.path("pipeline").path("vcs");
    return new FactBuilder(Source.CIRCLECI)
        .kind(ResourceKind.WORKFLOW_RUN)
        .outcome(STATUS.outcome(status))
        .pipeline(Json.text(workflow, "name"))
        .workflowRunId(Json.text(workflow, "id"))
        .taskKey(Json.text(job, "name"))
        .runId(Json.text(job, "number"))
        .repository(repository(Json.text(body, "project", "slug")))
        .branch(Json.text(vcs, "branch"))
        .platformCode(status)
        .occurredAt(Json.instantOf(body, "happened_at"))
        .attribute("type", Json.text(body, "type"))
        .attribute("status", status)
        .attribute("workflowUrl", Json.text(workflow, "url"))
        .attribute("revision", Json.text(vcs, "revision"))
        .attribute("commitSubject", Json.text(vcs, "commit", "subject"));
  }

  /** "gh/org/repo" → "org/repo": the VCS prefix is CircleCI's, not the repository's. */
  private static String repository(String slug) {
    if (slug == null) {
      return null;
    }
    String[] parts = slug.split("/");
    return parts.length == 3 ? parts[1] + "/" + parts[2] : slug;
  }
}
