package io.rebound.extract;

import tools.jackson.databind.JsonNode;

/** Which task run of a runs/get answer holds the error output. */
final class FailedTask {

  private FailedTask() {}

  /** The notified task itself, else the task that failed by itself, else a single-task run. */
  static String runIdOf(JsonNode run, String notifiedRunId) {
    String failed = null;
    for (JsonNode task : Json.elements(run, "tasks").toList()) {
      String taskRunId = Json.text(task, "run_id");
      if (taskRunId != null && taskRunId.equals(notifiedRunId)) {
        return taskRunId;
      }
    }
    failed =
        DatabricksRunReader.failedTask(run).map(task -> Json.text(task, "run_id")).orElse(null);
    if (failed != null) {
      return failed;
    }
    return Json.at(run, "tasks").isEmpty() ? Json.text(run, "run_id") : null;
  }
}
