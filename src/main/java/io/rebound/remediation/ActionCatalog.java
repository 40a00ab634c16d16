package io.rebound.remediation;

import io.rebound.failure.Action;
import java.util.Map;

/**
 * What each playbook action acts on and which health check proves it worked, for the steps the
 * policy does not name a check for (fallbacks, chained playbooks without one).
 */
final class ActionCatalog {

  private ActionCatalog() {}

  static String defaultHealthCheck(String action) {
    return Action.find(action)
        .map(
            known ->
                switch (known) {
                  case RESTART_CLUSTER, START_CLUSTER, SCALE_CLUSTER -> "cluster_running";
                  case RETRY_JOB, REPAIR_RUN -> "run_succeeded";
                  case RETRY_PIPELINE, RERUN_UPSTREAM_PIPELINE -> "pipeline_succeeded";
                  case REINSTALL_LIBRARY -> "library_installed";
                  case RERUN_WORKFLOW -> "workflow_succeeded";
                  case ESCALATE, RESTORE_CLUSTER_SIZE -> StepSpec.NO_HEALTH_CHECK;
                })
        .orElse(StepSpec.NO_HEALTH_CHECK);
  }

  /**
   * The resource an action changes, as "kind:id": the unit of the action budget and the last part
   * of the action's breaker name.
   */
  static Resource resourceOf(String action, Map<String, String> target) {
    Action known = Action.find(action).orElse(Action.ESCALATE);
    return switch (known) {
      case RESTART_CLUSTER, START_CLUSTER, SCALE_CLUSTER, REINSTALL_LIBRARY, RESTORE_CLUSTER_SIZE ->
          new Resource("cluster", target.get("clusterId"));
      case RETRY_JOB, REPAIR_RUN ->
          target.containsKey("jobId")
              ? new Resource("job", target.get("jobId"))
              : new Resource("run", target.get("runId"));
      case RETRY_PIPELINE, RERUN_UPSTREAM_PIPELINE ->
          new Resource("pipeline", join(target.get("factory"), target.get("pipeline")));
      case RERUN_WORKFLOW -> new Resource("repository", target.get("repository"));
      case ESCALATE -> new Resource("resource", firstId(target));
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
