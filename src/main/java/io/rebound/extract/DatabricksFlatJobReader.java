package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import tools.jackson.databind.JsonNode;

/**
 * The prior tool's flat job body: {job_name, run_id, job_id, cluster_id, error_message,
 * workspace_url}. Users post it by hand or from notebooks today, so it keeps working.
 */
final class DatabricksFlatJobReader implements BodyReader {

  @Override
  public boolean recognises(JsonNode body) {
    return (body.has("job_id") || body.has("run_id") || body.has("job_name"))
        && (body.has("error_message") || body.has("workspace_url"));
  }

  @Override
  public FactBuilder read(JsonNode body) {
    String message = Json.text(body, "error_message");
    return new FactBuilder(Source.DATABRICKS)
        .kind(ResourceKind.JOB_RUN)
        .outcome(message != null ? Outcome.FAILED : Outcome.UNKNOWN)
        .jobId(Json.text(body, "job_id"))
        .jobName(Json.text(body, "job_name"))
        .runId(Json.text(body, "run_id"))
        .clusterId(Json.text(body, "cluster_id"))
        .workspace(Json.host(Json.text(body, "workspace_url")))
        .message(message);
  }
}
