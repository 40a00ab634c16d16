package io.rebound.ingest;

import io.rebound.connector.DatabricksReads;
import io.rebound.extract.PlatformReads;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The read-only Databricks calls the fact reader makes to complete a notification that carries only
 * ids, through the connector. Calls are made on worker threads (deliveries) or for a what-if, never
 * to act on anything.
 */
@Component
class DatabricksPlatformReads implements PlatformReads {

  private final ObjectProvider<DatabricksReads> reads;
  private final String host;

  DatabricksPlatformReads(
      ObjectProvider<DatabricksReads> reads, @Value("${rebound.databricks.host:}") String host) {
    this.reads = reads;
    this.host = host;
  }

  @Override
  public boolean configured() {
    return host != null && !host.isBlank() && reads.getIfAvailable() != null;
  }

  @Override
  public String runsGet(String runId) {
    return reads.getObject().getRun(runId);
  }

  @Override
  public String runsGetOutput(String runId) {
    return reads.getObject().getRunOutput(runId);
  }

  @Override
  public String clustersGet(String clusterId) {
    return reads.getObject().getCluster(clusterId);
  }

  @Override
  public String librariesStatus(String clusterId) {
    return reads.getObject().getLibraryStatuses(clusterId);
  }
}
