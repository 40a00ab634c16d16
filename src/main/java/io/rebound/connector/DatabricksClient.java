package io.rebound.connector;

import io.rebound.failure.Action;
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
        Action.RETRY_JOB.id(),
        Action.REPAIR_RUN.id(),
        Action.START_CLUSTER.id(),
        Action.RESTART_CLUSTER.id(),
        Action.SCALE_CLUSTER.id(),
        Action.RESTORE_CLUSTER_SIZE.id(),
        Action.REINSTALL_LIBRARY.id());
  }

  @Override
  public Set<String> healthChecks() {
    return Set.of("cluster_running", "run_succeeded", "library_installed");
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    return switch (Action.of(request.action())) {
      case RETRY_JOB -> jobs.retryJob(request);
      case REPAIR_RUN -> jobs.repairRun(request);
      case START_CLUSTER -> clusters.start(request);
      case RESTART_CLUSTER -> clusters.restart(request);
      case SCALE_CLUSTER -> clusters.scale(request);
      case RESTORE_CLUSTER_SIZE -> clusters.restoreSize(request);
      case REINSTALL_LIBRARY -> libraries.reinstall(request);
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
