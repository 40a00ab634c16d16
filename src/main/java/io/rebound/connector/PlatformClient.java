package io.rebound.connector;

import java.util.Set;

/** One platform's actions and health checks, behind {@link Connectors}. */
interface PlatformClient {

  /** databricks, adf, github, gitlab */
  String platform();

  Set<String> actions();

  Set<String> healthChecks();

  ActionResult perform(ActionRequest request);

  HealthCheckResult checkHealth(String healthCheck, ActionRequest request, ActionResult result);
}
