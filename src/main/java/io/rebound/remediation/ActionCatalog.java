package io.rebound.remediation;

import java.util.Map;

/**
 * What each playbook action acts on and which health check proves it worked, for the steps the
 * policy does not name a check for (fallbacks, chained playbooks without one).
 */
final class ActionCatalog {

  private ActionCatalog() {}

  static String defaultHealthCheck(String action) {
    return switch (action) {
      case "restart_cluster", "start_cluster", "scale_cluster" -> "cluster_running";
      case "retry_job", "repair_run" -> "run_succeeded";
      case "retry_pipeline", "rerun_upstream_pipeline" -> "pipeline_succeeded";
      case "reinstall_library" -> "library_installed";
      case "rerun_workflow" -> "workflow_succeeded";
      default -> StepSpec.NO_HEALTH_CHECK;
    };
  }

  /**
   * The resource an action changes, as "kind:id": the unit of the action budget and the last part
   * of the action's breaker name.
   */
  static Resource resourceOf(String action, Map<String, String> target) {
    return switch (action) {
      case "restart_cluster", "start_cluster", "scale_cluster", "reinstall_library" ->
          new Resource("cluster", target.get("clusterId"));
      case "retry_job", "repair_run" ->
          target.containsKey("jobId")
              ? new Resource("job", target.get("jobId"))
              : new Resource("run", target.get("runId"));
      case "retry_pipeline", "rerun_upstream_pipeline" ->
          new Resource("pipeline", join(target.get("factory"), target.get("pipeline")));
      case "rerun_workflow" -> new Resource("repository", target.get("repository"));
      default -> new Resource("resource", firstId(target));
    };
  }

  private static String join(String factory, String pipeline) {
    if (factory == null) {
      return pipeline;
    }
    return pipeline == null ? factory : factory + "/" + pipeline;
  }

  private static String firstId(Map<String, String> target) {
    for (String key : new String[] {"clusterId", "jobId", "runId", "pipeline", "repository"}) {
      if (target.containsKey(key)) {
        return target.get(key);
      }
    }
    return null;
  }

  record Resource(String kind, String id) {
    Resource {
      id = id == null || id.isBlank() ? "unknown" : id;
    }

    String key() {
      return kind + ":" + id;
    }
  }
}
