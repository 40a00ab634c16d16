package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * ADF (and Synapse pipeline) REST bodies: a pipeline run (runs/get), and the "value" lists of
 * queryPipelineRuns and queryActivityruns, of which the first failed entry is the fact.
 */
final class AdfRunReader implements BodyReader {

  private static final Pattern FAILED_TARGET = Pattern.compile("Operation on target (\\S+) failed");

  private final Source source;

  AdfRunReader(Source source) {
    this.source = source;
  }

  @Override
  public boolean recognises(JsonNode body) {
    return isRun(body) || Json.elements(body, "value").anyMatch(AdfRunReader::isRun);
  }

  private static boolean isRun(JsonNode node) {
    return node.has("pipelineName") && (node.has("runId") || node.has("activityRunId"));
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode run =
        isRun(body)
            ? body
            : Json.elements(body, "value")
                .filter(entry -> "Failed".equalsIgnoreCase(Json.text(entry, "status")))
                .findFirst()
                .orElseGet(() -> body.path("value").path(0));
    FactBuilder fact =
        new FactBuilder(source)
            .pipeline(Json.text(run, "pipelineName"))
            .outcome(outcome(Json.text(run, "status")))
            .attribute("status", Json.text(run, "status"));
    return run.has("activityRunId") ? readActivityRun(fact, run) : readPipelineRun(fact, run);
  }

  private static FactBuilder readPipelineRun(FactBuilder fact, JsonNode run) {
    String message = Json.text(run, "message");
    fact.kind(ResourceKind.PIPELINE_RUN)
        .pipelineRunId(Json.text(run, "runId"))
        .message(message)
        .occurredAt(Json.instantOf(run, "runEnd", "lastUpdated"))
        .attribute("runGroupId", Json.text(run, "runGroupId"))
        .attribute("isLatest", Json.text(run, "isLatest"))
        .attribute("invokedBy", Json.text(run, "invokedBy", "name"))
        .attribute("invokedByType", Json.text(run, "invokedBy", "invokedByType"))
        .attribute("durationInMs", Json.text(run, "durationInMs"));
    if (message != null) {
      Matcher target = FAILED_TARGET.matcher(message);
      fact.attribute("failedActivity", target.find() ? target.group(1) : null);
    }
    AdfErrors.applyMessage(fact, message);
    return fact;
  }

  private static FactBuilder readActivityRun(FactBuilder fact, JsonNode run) {
    JsonNode error = run.path("error");
    fact.kind(ResourceKind.ACTIVITY_RUN)
        .pipelineRunId(Json.text(run, "pipelineRunId"))
        .activity(Json.text(run, "activityName"))
        .activityType(Json.text(run, "activityType"))
        .message(Json.text(error, "message"))
        .failureType(AdfErrors.failureType(Json.text(error, "failureType")))
        .occurredAt(Json.instant(run, "activityRunEnd"))
        .attribute("activityRunId", Json.text(run, "activityRunId"))
        .attribute("retryAttempt", Json.text(run, "retryAttempt"))
        .attribute("durationInMs", Json.text(run, "durationInMs"));
    AdfErrors.applyErrorCode(fact, Json.text(error, "errorCode"));
    AdfErrors.applyMessage(fact, fact.message());
    return fact;
  }

  /** ADF run statuses: Queued, InProgress, Succeeded, Failed, Canceling, Cancelled. */
  private static Outcome outcome(String status) {
    if (status == null) {
      return Outcome.UNKNOWN;
    }
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "failed", "cancelled", "canceled" -> Outcome.FAILED;
      case "succeeded" -> Outcome.SUCCEEDED;
      case "queued", "inprogress", "canceling" -> Outcome.IN_PROGRESS;
      default -> Outcome.UNKNOWN;
    };
  }
}
