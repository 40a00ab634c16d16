package io.rebound.connector;

import java.util.Set;

/** Databricks actions and health checks, through the Databricks SDK for Java. */
final class DatabricksClient implements PlatformClient {

  private final DatabricksJobs jobs;
  private final DatabricksClusters clusters;
  private final DatabricksLibraries libraries;

  DatabricksClient(DatabricksApi api, int maxWorkers) {
    this.jobs = new DatabricksJobs(api);
    this.clusters = new DatabricksClusters(api, maxWorkers);
    this.libraries = new DatabricksLibraries(api);
  }

  @Override
  public String platform() {
    return DatabricksErrors.PLATFORM;
  }

  @Override
  public Set<String> actions() {
    return Set.of(
        "retry_job",
        "repair_run",
        "start_cluster",
        "restart_cluster",
        "scale_cluster",
        "restore_cluster_size",
        "reinstall_library");
  }

  @Override
  public Set<String> healthChecks() {
    return Set.of("cluster_running", "run_succeeded", "library_installed");
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    return switch (request.action()) {
      case "retry_job" -> jobs.retryJob(request);
      case "repair_run" -> jobs.repairRun(request);
      case "start_cluster" -> clusters.start(request);
      case "restart_cluster" -> clusters.restart(request);
      case "scale_cluster" -> clusters.scale(request);
      case "restore_cluster_size" -> clusters.restoreSize(request);
      case "reinstall_library" -> libraries.reinstall(request);
      default -> throw new IllegalArgumentException("Databricks has no action " + request.action());
    };
  }

  @Override
  public HealthCheckResult checkHealth(
      String healthCheck, ActionRequest request, ActionResult result) {
    return switch (healthCheck) {
      case "cluster_running" -> clusters.running(request, result);
      case "run_succeeded" -> jobs.runSucceeded(request, result);
      case "library_installed" -> libraries.installed(request, result);
      default ->
          throw new IllegalArgumentException("Databricks has no health check " + healthCheck);
    };
  }
}
