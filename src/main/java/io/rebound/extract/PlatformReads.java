package io.rebound.extract;

/**
 * The read-only Databricks calls that fill in a notification carrying only ids. Answers are the
 * platform's JSON bodies, verbatim, so the one extractor reads them; null when this deployment
 * cannot make that call. Implemented by whoever wires a Databricks client (ingest), and by tests
 * from recorded answers.
 */
public interface PlatformReads {

  /** False when this deployment has no Databricks workspace to ask (DATABRICKS_HOST unset). */
  default boolean configured() {
    return true;
  }

  /** GET jobs/runs/get?run_id=… */
  String runsGet(String runId);

  /** GET jobs/runs/get-output?run_id=… (for a failed task run) */
  String runsGetOutput(String runId);

  /** GET clusters/get?cluster_id=… */
  default String clustersGet(String clusterId) {
    return null;
  }

  /** GET libraries/cluster-status?cluster_id=… */
  default String librariesStatus(String clusterId) {
    return null;
  }
}
