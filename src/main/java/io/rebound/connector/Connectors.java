package io.rebound.connector;

/**
 * The one door to the platforms. Dispatches an action or a health check to the right client.
 * Implementations throw {@link ConnectorException} on a failed call.
 */
public interface Connectors {

  /** The platform an action goes to: databricks, adf, github, gitlab. */
  String platformOf(String action);

  ActionResult perform(ActionRequest request);

  /**
   * @param healthCheck cluster_running, run_succeeded, pipeline_succeeded, library_installed,
   *     workflow_succeeded
   * @param request the action that was performed
   * @param result what it returned
   */
  HealthCheckResult checkHealth(String healthCheck, ActionRequest request, ActionResult result);
}
