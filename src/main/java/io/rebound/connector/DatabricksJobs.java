package io.rebound.connector;

import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.RepairHistoryItem;
import com.databricks.sdk.service.jobs.RepairHistoryItemType;
import com.databricks.sdk.service.jobs.RepairRun;
import com.databricks.sdk.service.jobs.RepairRunResponse;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunNowResponse;
import com.databricks.sdk.service.jobs.RunResultState;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** retry_job, repair_run and the run_succeeded health check. */
final class DatabricksJobs {

  private static final Set<RunLifeCycleState> STILL_GOING =
      Set.of(
          RunLifeCycleState.PENDING,
          RunLifeCycleState.QUEUED,
          RunLifeCycleState.RUNNING,
          RunLifeCycleState.BLOCKED,
          RunLifeCycleState.TERMINATING,
          RunLifeCycleState.WAITING_FOR_RETRY);

  private final DatabricksApi api;

  DatabricksJobs(DatabricksApi api) {
    this.api = api;
  }

  /** jobs/run-now; the attempt's idempotency token makes a repeated call return the same run. */
  ActionResult retryJob(ActionRequest request) {
    long jobId = Targets.requiredLong(request, "jobId");
    String token = IdempotencyTokens.forDatabricks(request.idempotencyKey());
    RunNowResponse started =
        api.call(
            "POST /api/2.2/jobs/run-now",
            ws -> ws.jobs().impl().runNow(new RunNow().setJobId(jobId).setIdempotencyToken(token)));
    String runId = String.valueOf(started.getRunId());
    return new ActionResult(
        ActionResult.Status.DONE,
        runId,
        "Started job " + jobId + " again as run " + runId,
        Map.of("runId", runId, "jobId", String.valueOf(jobId), "idempotencyToken", token));
  }

  /**
   * jobs/runs/repair of every failed task (and what depends on them) inside the original run.
   * Databricks has no idempotency token for repairs, so the run's repair history is read first: a
   * repair that is still running is this attempt's (or a duplicate's) and is not started twice.
   */
  ActionResult repairRun(ActionRequest request) {
    long runId = Targets.requiredLong(request, "runId");
    Run run = getRun(runId);
    RepairHistoryItem latestRepair = latestRepair(run);
    RunLifeCycleState state = run.getState() == null ? null : run.getState().getLifeCycleState();
    if (state != null && STILL_GOING.contains(state)) {
      String why =
          latestRepair == null
              ? "run " + runId + " is still " + state + "; a run can only be repaired once it ended"
              : "repair " + latestRepair.getId() + " of run " + runId + " is already " + state;
      return new ActionResult(ActionResult.Status.SKIPPED, String.valueOf(runId), why, Map.of());
    }
    Long latestRepairId =
        Targets.parameter(request, "latestRepairId")
            .map(Long::valueOf)
            .orElse(latestRepair == null ? null : latestRepair.getId());
    boolean dependents =
        Targets.parameter(request, "rerunDependentTasks").map(Boolean::valueOf).orElse(true);
    RepairRun repair =
        new RepairRun()
            .setRunId(runId)
            .setRerunAllFailedTasks(true)
            .setRerunDependentTasks(dependents)
            .setLatestRepairId(latestRepairId);
    RepairRunResponse repaired =
        api.call("POST /api/2.2/jobs/runs/repair", ws -> ws.jobs().impl().repairRun(repair));
    Map<String, String> data = new HashMap<>();
    data.put("repairId", String.valueOf(repaired.getRepairId()));
    if (latestRepairId != null) {
      data.put("previousRepairId", String.valueOf(latestRepairId));
    }
    return new ActionResult(
        ActionResult.Status.DONE,
        String.valueOf(runId),
        "Repairing the failed tasks of run " + runId + " (repair " + repaired.getRepairId() + ")",
        data);
  }

  HealthCheckResult runSucceeded(ActionRequest request, ActionResult result) {
    String runId = Targets.reference(request, result, "runId");
    Run run = getRun(parseRunId(runId));
    RunLifeCycleState life = run.getState() == null ? null : run.getState().getLifeCycleState();
    RunResultState outcome = run.getState() == null ? null : run.getState().getResultState();
    String message = run.getState() == null ? null : run.getState().getStateMessage();
    String detail =
        "run "
            + runId
            + " is "
            + life
            + (outcome == null ? "" : "/" + outcome)
            + (message == null || message.isBlank() ? "" : ": " + message);
    if (life == RunLifeCycleState.TERMINATED && outcome == RunResultState.SUCCESS) {
      return new HealthCheckResult(HealthCheckResult.Status.HEALTHY, detail);
    }
    if (life == null || STILL_GOING.contains(life)) {
      return new HealthCheckResult(HealthCheckResult.Status.PENDING, detail);
    }
    return new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, detail);
  }

  private Run getRun(long runId) {
    return api.call(
        "GET /api/2.2/jobs/runs/get",
        ws -> ws.jobs().impl().getRun(new GetRunRequest().setRunId(runId)));
  }

  private static RepairHistoryItem latestRepair(Run run) {
    if (run.getRepairHistory() == null) {
      return null;
    }
    RepairHistoryItem latest = null;
    for (RepairHistoryItem item : run.getRepairHistory()) {
      if (item.getType() == RepairHistoryItemType.REPAIR) {
        latest = item;
      }
    }
    return latest;
  }

  private static long parseRunId(String runId) {
    try {
      return Long.parseLong(runId);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("run_succeeded needs a numeric run id, got " + runId);
    }
  }
}
