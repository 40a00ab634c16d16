package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import tools.jackson.databind.JsonNode;

/**
 * Jobs API runs/get-output bodies. The output's "error" is the most specific message Databricks
 * gives for a failed notebook; when "metadata" holds the run, its ids and codes are read too.
 */
final class DatabricksRunOutputReader implements BodyReader {

  private final DatabricksRunReader runReader;

  DatabricksRunOutputReader(DatabricksRunReader runReader) {
    this.runReader = runReader;
  }

  @Override
  public boolean recognises(JsonNode body) {
    return body.has("notebook_output") || body.has("error_trace") || body.has("logs_truncated");
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode metadata = body.path("metadata");
    boolean runInMetadata = runReader.recognises(metadata);
    FactBuilder fact =
        runInMetadata
            ? runReader.read(metadata)
            : new FactBuilder(Source.DATABRICKS)
                .kind(ResourceKind.JOB_RUN)
                .jobId(Json.text(metadata, "job_id"))
                .runId(Json.text(metadata, "run_id"));
    String error = Json.text(body, "error");
    if (error != null) {
      fact.outcome(Outcome.FAILED);
    } else if (!runInMetadata && body.has("notebook_output")) {
      // A notebook that returned a result without an error finished; with the run in metadata,
      // the run's own state says so more precisely.
      fact.outcome(Outcome.SUCCEEDED);
    }
    return fact.message(error, fact.message())
        .attribute("errorTrace", Json.text(body, "error_trace"))
        .attribute("notebookResult", Json.text(body, "notebook_output", "result"));
  }
}
