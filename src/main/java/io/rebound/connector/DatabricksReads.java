package io.rebound.connector;

/**
 * Read-only Databricks calls ingest needs to enrich notifications that carry only ids. Answers are
 * the platform's JSON bodies, verbatim, so the one extractor can read them.
 */
public interface DatabricksReads {

  /** GET /api/2.2/jobs/runs/get?run_id=… */
  String getRun(String runId);

  /** GET /api/2.2/jobs/runs/get-output?run_id=… (for a failed task run) */
  String getRunOutput(String runId);

  /** GET /api/2.1/clusters/get?cluster_id=… (its state and termination reason) */
  String getCluster(String clusterId);

  /** GET /api/2.0/libraries/cluster-status?cluster_id=… (each library's install status) */
  String getLibraryStatuses(String clusterId);

  /** POST /api/2.1/clusters/events for one cluster, newest first, from startTimeMillis on. */
  String getClusterEvents(String clusterId, long startTimeMillis);
}
