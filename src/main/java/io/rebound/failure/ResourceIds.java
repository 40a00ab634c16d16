package io.rebound.failure;

/**
 * Identifiers of the failing resource. Every field is optional: each platform fills the ones it
 * knows. Ids are kept as strings because platforms disagree on their JSON type.
 *
 * @param alertId Azure Monitor alert id (stable across fired/resolved of one alert instance)
 * @param alertRule Azure Monitor alert rule name
 * @param azureResourceId full ARM id of the alerted resource
 * @param factory ADF or Synapse workspace factory name
 * @param pipeline pipeline name (ADF, Synapse, GitLab/GitHub workflow name for CI)
 * @param pipelineRunId ADF pipeline run id
 * @param activity ADF activity name
 * @param activityType ADF activity type (Copy, WebActivity, DatabricksNotebook...)
 * @param workspace Databricks workspace id or host
 * @param jobId Databricks job id
 * @param jobName Databricks job name
 * @param runId Databricks run id (the task run when a task failed)
 * @param parentRunId Databricks parent run id of a task run
 * @param taskKey Databricks task key
 * @param clusterId Databricks cluster id
 * @param library library coordinate, for example "pandas==2.1.4"
 * @param repository CI repository ("org/repo")
 * @param workflowRunId CI workflow or pipeline run id
 * @param branch CI branch or ref
 */
public record ResourceIds(
    String alertId,
    String alertRule,
    String azureResourceId,
    String factory,
    String pipeline,
    String pipelineRunId,
    String activity,
    String activityType,
    String workspace,
    String jobId,
    String jobName,
    String runId,
    String parentRunId,
    String taskKey,
    String clusterId,
    String library,
    String repository,
    String workflowRunId,
    String branch) {

  public static final ResourceIds NONE =
      new ResourceIds(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null);
}
