package io.rebound.connector;

/**
 * The one door to the platforms. Dispatches an action or a health check to the right client.
 * Implementations throw {@link ConnectorException} on a failed call.
 */
public interface Connectors {

  /**
   * The platform an action goes to: databricks, adf, github, gitlab. rerun_workflow runs on GitHub
   * or GitLab depending on its target, so for it this answers "ci"; use {@link
   * #platformOf(ActionRequest)} when the request is at hand.
   *
   * @throws IllegalArgumentException for an action no connector performs (escalate included)
   */
  String platformOf(String action);

  /** The platform this request goes to, telling GitHub from GitLab by the request's target. */
  String platformOf(ActionRequest request);

  ActionResult perform(ActionRequest request);

  /**
   * @param healthCheck cluster_running, run_succeeded, pipeline_succeeded, library_installed,
   *     workflow_succeeded
   * @param request the action that was performed
   * @param result what it returned
   */
  HealthCheckResult checkHealth(String healthCheck, ActionRequest request, ActionResult result);
}
