package io.rebound.extract;

import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Jobs API runs/get bodies. In a multi-task run the task that failed is the fact, not the ones
 * skipped because of it (UPSTREAM_FAILED): that is where a repair must start.
 */
final class DatabricksRunReader implements BodyReader {

  private static final Pattern PIP_PACKAGE = Pattern.compile("package: \"([^\"]+)\"");

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("state").has("life_cycle_state")
        || body.path("status").has("termination_details");
  }

  @Override
  public FactBuilder read(JsonNode run) {
    String runPageUrl = Json.text(run, "run_page_url");
    FactBuilder fact =
        new FactBuilder(Source.DATABRICKS)
            .jobId(Json.text(run, "job_id"))
            .jobName(Json.text(run, "run_name"))
            .workspace(DatabricksTerms.workspaceIdOf(runPageUrl))
            .outcome(
                DatabricksTerms.runOutcome(
                    Json.text(run, "state", "life_cycle_state"),
                    Json.text(run, "state", "result_state")))
            .occurredAt(Json.instantOf(run, "end_time", "start_time"))
            .attribute("workspaceHost", Json.host(runPageUrl))
            .attribute("runPageUrl", runPageUrl)
            .attribute("trigger", Json.text(run, "trigger"))
            .attribute("runType", Json.text(run, "run_type"))
            .attribute("attemptNumber", Json.text(run, "attempt_number"))
            .attribute("skippedTasks", skippedTasks(run));
    Optional<JsonNode> failedTask = failedTask(run);
    failedTask.ifPresentOrElse(
        task -> readTask(fact, run, task),
        () ->
            fact.kind(ResourceKind.JOB_RUN)
                .runId(Json.text(run, "run_id"))
                .clusterId(Json.text(run, "cluster_instance", "cluster_id")));
    JsonNode scope = failedTask.orElse(run);
    readStateAndTermination(fact, scope, run);
    readLibrary(fact, scope);
    return fact;
  }

  private static void readTask(FactBuilder fact, JsonNode run, JsonNode task) {
    fact.kind(ResourceKind.TASK_RUN)
        .runId(Json.text(task, "run_id"))
        .parentRunId(Json.text(run, "run_id"))
        .taskKey(Json.text(task, "task_key"))
        .clusterId(
            Json.first(
                Json.text(task, "cluster_instance", "cluster_id"),
                Json.text(task, "existing_cluster_id")))
        .attribute("runPageUrl", Json.text(task, "run_page_url"));
  }

  /** The task's own state and termination first, the run's as the fallback. */
  private static void readStateAndTermination(FactBuilder fact, JsonNode scope, JsonNode run) {
    JsonNode termination = scope.path("status").path("termination_details");
    JsonNode runTermination = run.path("status").path("termination_details");
    String type = Json.first(Json.text(termination, "type"), Json.text(runTermination, "type"));
    fact.lifeCycleState(
            Json.first(
                Json.text(scope, "state", "life_cycle_state"),
                Json.text(run, "state", "life_cycle_state")))
        .resultState(
            Json.first(
                Json.text(scope, "state", "result_state"), Json.text(run, "state", "result_state")))
        .runTerminationCode(
            Json.first(Json.text(termination, "code"), Json.text(runTermination, "code")))
        .runTerminationType(type)
        .failureType(DatabricksTerms.failureType(type))
        .message(
            Json.text(termination, "message"),
            Json.text(scope, "state", "state_message"),
            Json.text(runTermination, "message"),
            Json.text(run, "state", "state_message"));
  }

  /**
   * The library a LIBRARY_INSTALLATION_ERROR names: from the pip message, else the task's only one.
   */
  private static void readLibrary(FactBuilder fact, JsonNode scope) {
    String message = fact.message();
    Matcher pip = PIP_PACKAGE.matcher(message == null ? "" : message);
    if (pip.find()) {
      DatabricksLibrary.pypi(pip.group(1), null).applyTo(fact);
    } else if ("LIBRARY_INSTALLATION_ERROR".equals(fact.code("runTerminationCode"))
        && scope.path("libraries").size() == 1) {
      Optional.ofNullable(DatabricksLibrary.of(scope.path("libraries").path(0)))
          .ifPresent(library -> library.applyTo(fact));
    }
  }

  /** A task that failed by itself; a task skipped because of another only if none did. */
  static Optional<JsonNode> failedTask(JsonNode run) {
    return Json.elements(run, "tasks")
        .filter(task -> failureRank(task) > 0)
        .max(Comparator.comparingInt(DatabricksRunReader::failureRank));
  }

  private static int failureRank(JsonNode task) {
    String result = Objects.requireNonNullElse(Json.text(task, "state", "result_state"), "");
    String lifeCycle = Objects.requireNonNullElse(Json.text(task, "state", "life_cycle_state"), "");
    String upper = result.toUpperCase(Locale.ROOT);
    if (DatabricksTerms.FAILED_RESULTS.contains(upper) || "INTERNAL_ERROR".equals(lifeCycle)) {
      return 2;
    }
    return DatabricksTerms.UPSTREAM_RESULTS.contains(upper) ? 1 : 0;
  }

  private static String skippedTasks(JsonNode run) {
    String skipped =
        Json.elements(run, "tasks")
            .filter(task -> failureRank(task) == 1)
            .map(task -> Json.text(task, "task_key"))
            .filter(key -> key != null)
            .collect(Collectors.joining(","));
    return skipped.isEmpty() ? null : skipped;
  }
}
