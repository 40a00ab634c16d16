package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Databricks job notification webhooks ("jobs.on_failure"...; ids as strings) and the prior tool's
 * job events ("job.failure" with numeric ids and the run state inline).
 */
final class DatabricksJobEventReader implements BodyReader {

  @Override
  public boolean recognises(JsonNode body) {
    String eventType = eventType(body);
    return eventType != null && (eventType.startsWith("jobs.") || eventType.startsWith("job."));
  }

  private static String eventType(JsonNode body) {
    return Json.first(Json.text(body, "event_type"), Json.text(body, "event"));
  }

  @Override
  public FactBuilder read(JsonNode body) {
    String eventType = eventType(body);
    // The older style ("event": "job.failed") puts the run's fields at the top level.
    JsonNode run = body.path("run").isObject() ? body.path("run") : body;
    JsonNode state = run.path("state");
    JsonNode termination = run.path("status").path("termination_details");
    String taskKey = Json.text(body, "task", "task_key");
    String lifeCycleState = Json.text(state, "life_cycle_state");
    String resultState = Json.text(state, "result_state");
    Outcome stated = DatabricksTerms.runOutcome(lifeCycleState, resultState);
    return new FactBuilder(Source.DATABRICKS)
        .kind(taskKey != null ? ResourceKind.TASK_RUN : ResourceKind.JOB_RUN)
        .outcome(stated != Outcome.UNKNOWN ? stated : outcomeOf(eventType))
        .workspace(Json.text(body, "workspace_id"))
        .jobId(Json.first(Json.text(body, "job", "job_id"), Json.text(body, "job_id")))
        .jobName(
            Json.first(Json.text(body, "job", "name"), Json.text(body, "job", "settings", "name")))
        .runId(Json.text(run, "run_id"))
        .parentRunId(Json.text(run, "parent_run_id"))
        .taskKey(taskKey)
        .lifeCycleState(lifeCycleState)
        .resultState(resultState)
        .runTerminationCode(
            Json.first(Json.text(termination, "code"), DatabricksTerms.legacyCancellation(state)))
        .runTerminationType(Json.text(termination, "type"))
        .failureType(DatabricksTerms.failureType(Json.text(termination, "type")))
        .message(Json.text(termination, "message"), Json.text(state, "state_message"))
        .occurredAt(Json.instant(body, "timestamp"))
        .attribute("eventType", eventType)
        .attribute("runName", Json.text(run, "run_name"));
  }

  /** "jobs.on_failure", "job.failure" → the part after the dot without "on_". */
  private static Outcome outcomeOf(String eventType) {
    String event = eventType.substring(eventType.indexOf('.') + 1).toLowerCase(Locale.ROOT);
    event = event.startsWith("on_") ? event.substring(3) : event;
    return switch (event) {
      case "failure", "failed" -> Outcome.FAILED;
      case "success" -> Outcome.SUCCEEDED;
      case "start" -> Outcome.IN_PROGRESS;
      case "duration_warning_threshold_exceeded", "streaming_backlog_exceeded" -> Outcome.WARNING;
      default -> Outcome.UNKNOWN;
    };
  }
}
