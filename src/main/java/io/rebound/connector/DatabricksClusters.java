package io.rebound.connector;

import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterSource;
import com.databricks.sdk.service.compute.GetClusterRequest;
import com.databricks.sdk.service.compute.ResizeCluster;
import com.databricks.sdk.service.compute.RestartCluster;
import com.databricks.sdk.service.compute.StartCluster;
import com.databricks.sdk.service.compute.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * start_cluster, restart_cluster, scale_cluster, restore_cluster_size and cluster_running. Every
 * action reads the cluster's state first: a restart kills running work, so a RUNNING cluster is
 * only restarted when the playbook says {@code force=true}.
 */
final class DatabricksClusters {

  private static final Set<State> ON_ITS_WAY =
      Set.of(State.PENDING, State.RESTARTING, State.RESIZING);

  private final DatabricksApi api;
  private final int maxWorkers;

  DatabricksClusters(DatabricksApi api, int maxWorkers) {
    this.api = api;
    this.maxWorkers = maxWorkers;
  }

  ActionResult start(ActionRequest request) {
    String clusterId = Targets.required(request, "clusterId");
    ClusterDetails cluster = get(clusterId);
    State state = cluster.getState();
    if (state == State.TERMINATED) {
      return startTerminated(cluster, "Starting cluster " + clusterId);
    }
    if (state == State.RUNNING || ON_ITS_WAY.contains(state)) {
      return skipped(clusterId, "cluster " + clusterId + " is already " + state);
    }
    throw cannotActNow(clusterId, state, "started");
  }

  ActionResult restart(ActionRequest request) {
    String clusterId = Targets.required(request, "clusterId");
    ClusterDetails cluster = get(clusterId);
    State state = cluster.getState();
    if (state == State.TERMINATED) {
      return startTerminated(cluster, "Cluster " + clusterId + " was TERMINATED; starting it");
    }
    if (ON_ITS_WAY.contains(state)) {
      return skipped(clusterId, "cluster " + clusterId + " is already " + state);
    }
    if (state == State.RUNNING) {
      if (!Targets.flag(request, "force")) {
        return skipped(
            clusterId,
            "cluster "
                + clusterId
                + " is RUNNING; not restarting a running cluster unless the playbook sets"
                + " force=true");
      }
      requireRestartable(cluster);
      api.call(
          "POST /api/2.1/clusters/restart",
          ws -> {
            ws.clusters().impl().restart(new RestartCluster().setClusterId(clusterId));
            return null;
          });
      return new ActionResult(
          ActionResult.Status.DONE,
          clusterId,
          "Restarting RUNNING cluster " + clusterId + " (playbook forced it)",
          Map.of("previousState", "RUNNING"));
    }
    throw cannotActNow(clusterId, state, "restarted");
  }

  /**
   * Adds {@code scalePercent} (default 50) workers, never beyond {@code max-workers}. An
   * autoscaling cluster keeps autoscaling with a higher minimum and maximum. The previous size goes
   * into the result's data so {@link #restoreSize} can put it back.
   */
  ActionResult scale(ActionRequest request) {
    String clusterId = Targets.required(request, "clusterId");
    ClusterDetails cluster = get(clusterId);
    requireRunningForResize(cluster);
    int percent = Targets.intParameter(request, "scalePercent", 50);
    if (percent <= 0) {
      throw new IllegalArgumentException("scale_cluster: scalePercent must be positive");
    }
    AutoScale autoscale = cluster.getAutoscale();
    if (autoscale != null && autoscale.getMaxWorkers() != null) {
      long currentMin = autoscale.getMinWorkers() == null ? 0 : autoscale.getMinWorkers();
      long currentMax = autoscale.getMaxWorkers();
      long min = snapshot(request, "previousMinWorkers", currentMin);
      long max = snapshot(request, "previousMaxWorkers", currentMax);
      long newMax = grow(max, percent);
      long newMin = Math.min(grow(min, percent), newMax);
      if (newMin == currentMin && newMax == currentMax) {
        return skipped(clusterId, atCeiling(clusterId, "autoscale " + min + "-" + max));
      }
      resize(
          new ResizeCluster()
              .setClusterId(clusterId)
              .setAutoscale(new AutoScale().setMinWorkers(newMin).setMaxWorkers(newMax)));
      Map<String, String> data = new LinkedHashMap<>();
      data.put("previousMinWorkers", String.valueOf(min));
      data.put("previousMaxWorkers", String.valueOf(max));
      data.put("minWorkers", String.valueOf(newMin));
      data.put("maxWorkers", String.valueOf(newMax));
      return new ActionResult(
          ActionResult.Status.DONE,
          clusterId,
          "Autoscale of "
              + clusterId
              + " raised from "
              + min
              + "-"
              + max
              + " to "
              + newMin
              + "-"
              + newMax
              + " workers",
          data);
    }
    long current = cluster.getNumWorkers() == null ? 0 : cluster.getNumWorkers();
    long workers = snapshot(request, "previousNumWorkers", current);
    if (workers == 0) {
      return skipped(
          clusterId,
          "cluster "
              + clusterId
              + " is a single-node cluster (0 workers); adding workers would"
              + " change what kind of cluster it is");
    }
    long target = grow(workers, percent);
    if (target == current) {
      return skipped(clusterId, atCeiling(clusterId, current + " workers"));
    }
    resize(new ResizeCluster().setClusterId(clusterId).setNumWorkers(target));
    return new ActionResult(
        ActionResult.Status.DONE,
        clusterId,
        "Cluster " + clusterId + " resized from " + workers + " to " + target + " workers",
        Map.of(
            "previousNumWorkers", String.valueOf(workers), "numWorkers", String.valueOf(target)));
  }

  /** Puts back the size scale_cluster snapshotted (its data passed as parameters). */
  ActionResult restoreSize(ActionRequest request) {
    String clusterId = Targets.required(request, "clusterId");
    var fixed = Targets.parameter(request, "previousNumWorkers");
    var min = Targets.parameter(request, "previousMinWorkers");
    var max = Targets.parameter(request, "previousMaxWorkers");
    ResizeCluster resize = new ResizeCluster().setClusterId(clusterId);
    String size;
    if (min.isPresent() && max.isPresent()) {
      resize.setAutoscale(
          new AutoScale()
              .setMinWorkers(number(request, min.get()))
              .setMaxWorkers(number(request, max.get())));
      size = "autoscale " + min.get() + "-" + max.get();
    } else if (fixed.isPresent()) {
      resize.setNumWorkers(number(request, fixed.get()));
      size = fixed.get() + " workers";
    } else {
      throw new IllegalArgumentException(
          "restore_cluster_size needs parameters previousNumWorkers, or previousMinWorkers and"
              + " previousMaxWorkers (the data scale_cluster returned)");
    }
    requireRunningForResize(get(clusterId));
    resize(resize);
    return new ActionResult(
        ActionResult.Status.DONE,
        clusterId,
        "Cluster " + clusterId + " put back to " + size,
        Map.of());
  }

  HealthCheckResult running(ActionRequest request, ActionResult result) {
    String clusterId = Targets.reference(request, result, "clusterId");
    ClusterDetails cluster = get(clusterId);
    State state = cluster.getState();
    String detail =
        "cluster "
            + clusterId
            + " is "
            + state
            + (cluster.getStateMessage() == null || cluster.getStateMessage().isBlank()
                ? ""
                : ": " + cluster.getStateMessage());
    if (state == State.RUNNING) {
      return cluster.getDriver() != null
          ? new HealthCheckResult(HealthCheckResult.Status.HEALTHY, detail)
          : new HealthCheckResult(HealthCheckResult.Status.PENDING, detail + " (no driver yet)");
    }
    if (state == null || ON_ITS_WAY.contains(state) || state == State.UNKNOWN) {
      return new HealthCheckResult(HealthCheckResult.Status.PENDING, detail);
    }
    return new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, detail);
  }

  private ActionResult startTerminated(ClusterDetails cluster, String detail) {
    requireRestartable(cluster);
    String clusterId = cluster.getClusterId();
    api.call(
        "POST /api/2.1/clusters/start",
        ws -> {
          ws.clusters().impl().start(new StartCluster().setClusterId(clusterId));
          return null;
        });
    return new ActionResult(
        ActionResult.Status.DONE, clusterId, detail, Map.of("previousState", "TERMINATED"));
  }

  private static long snapshot(ActionRequest request, String key, long current) {
    return Targets.parameter(request, key).map(v -> number(request, v)).orElse(current);
  }

  private long grow(long workers, int percent) {
    long grown = (long) Math.ceil(workers * (100.0 + percent) / 100.0);
    return Math.max(workers, Math.min(grown, maxWorkers));
  }

  private String atCeiling(String clusterId, String size) {
    return "cluster "
        + clusterId
        + " already has "
        + size
        + "; the ceiling is "
        + maxWorkers
        + " workers (rebound.databricks.max-workers)";
  }

  private void resize(ResizeCluster resize) {
    api.call(
        "POST /api/2.1/clusters/resize",
        ws -> {
          ws.clusters().impl().resize(resize);
          return null;
        });
  }

  private ClusterDetails get(String clusterId) {
    return api.call(
        "GET /api/2.1/clusters/get",
        ws -> ws.clusters().impl().get(new GetClusterRequest().setClusterId(clusterId)));
  }

  /** Job clusters belong to one run; Databricks refuses to start them. Repair the run instead. */
  private static void requireRestartable(ClusterDetails cluster) {
    if (cluster.getClusterSource() == ClusterSource.JOB) {
      throw new ConnectorException(
          DatabricksErrors.PLATFORM,
          "cluster "
              + cluster.getClusterId()
              + " is a job cluster; it cannot be started or"
              + " restarted on its own: repair or re-run the job instead",
          false,
          null,
          null,
          null);
    }
  }

  private static void requireRunningForResize(ClusterDetails cluster) {
    State state = cluster.getState();
    if (state == State.RUNNING) {
      return;
    }
    boolean soon = ON_ITS_WAY.contains(state);
    throw new ConnectorException(
        DatabricksErrors.PLATFORM,
        "cluster "
            + cluster.getClusterId()
            + " is "
            + state
            + "; Databricks only resizes a"
            + " RUNNING cluster"
            + (soon ? " (try again once it is running)" : ""),
        soon,
        null,
        null,
        null);
  }

  private static ConnectorException cannotActNow(String clusterId, State state, String verb) {
    boolean soon = state == State.TERMINATING;
    return new ConnectorException(
        DatabricksErrors.PLATFORM,
        "cluster "
            + clusterId
            + " is "
            + state
            + " and cannot be "
            + verb
            + (soon ? " until it is TERMINATED" : ""),
        soon,
        null,
        null,
        null);
  }

  private static ActionResult skipped(String clusterId, String why) {
    return new ActionResult(ActionResult.Status.SKIPPED, clusterId, why, Map.of());
  }

  private static long number(ActionRequest request, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          request.action() + ": worker counts must be whole numbers, got \"" + value + "\"");
    }
  }
}
