package io.rebound.connector;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Read-only Databricks calls for ingest; bodies come back exactly as Databricks sent them. */
final class DatabricksReadsClient implements DatabricksReads {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DatabricksApi api;

  DatabricksReadsClient(DatabricksApi api) {
    this.api = api;
  }

  @Override
  public String getRun(String runId) {
    return api.getJson("/api/2.2/jobs/runs/get", "run_id", requireId("runId", runId));
  }

  @Override
  public String getRunOutput(String runId) {
    return api.getJson("/api/2.2/jobs/runs/get-output", "run_id", requireId("runId", runId));
  }

  @Override
  public String getCluster(String clusterId) {
    return api.getJson("/api/2.1/clusters/get", "cluster_id", requireId("clusterId", clusterId));
  }

  @Override
  public String getLibraryStatuses(String clusterId) {
    return api.getJson(
        "/api/2.0/libraries/cluster-status", "cluster_id", requireId("clusterId", clusterId));
  }

  @Override
  public String getClusterEvents(String clusterId, long startTimeMillis) {
    ObjectNode body = JSON.createObjectNode();
    body.put("cluster_id", requireId("clusterId", clusterId));
    body.put("start_time", startTimeMillis);
    body.put("order", "DESC");
    return api.postJson("/api/2.1/clusters/events", JSON.writeValueAsString(body));
  }

  private static String requireId(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.trim();
  }
}
