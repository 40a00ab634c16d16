package io.rebound.failure;

/** What kind of thing failed. */
public enum ResourceKind {
  PIPELINE,
  PIPELINE_RUN,
  ACTIVITY_RUN,
  JOB_RUN,
  TASK_RUN,
  CLUSTER,
  LIBRARY,
  WORKFLOW_RUN,
  FUNCTION,
  OTHER
}
