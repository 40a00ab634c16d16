package io.rebound.connector;

import java.util.Map;

/**
 * One remediation action against one platform resource.
 *
 * @param action retry_pipeline, rerun_upstream_pipeline, retry_job, repair_run, restart_cluster,
 *     start_cluster, scale_cluster, reinstall_library, rerun_workflow
 * @param target resource ids by name: workspace, jobId, runId, clusterId, library, factory,
 *     pipeline, pipelineRunId, activity, repository, workflowRunId, projectId...
 * @param parameters action options: for example "libraryVersions" = "2.1.0,2.0.3", "scalePercent"
 * @param idempotencyKey unique per attempt; sent to platforms that accept one (Databricks
 *     idempotency_token) and used to find an earlier attempt's result
 */
public record ActionRequest(
    String action,
    Map<String, String> target,
    Map<String, String> parameters,
    String idempotencyKey) {

  public ActionRequest {
    target = target == null ? Map.of() : Map.copyOf(target);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
