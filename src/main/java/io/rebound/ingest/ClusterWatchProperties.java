package io.rebound.ingest;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Databricks has no cluster-termination webhook, so Rebound polls the cluster events of these
 * clusters.
 *
 * @param clusterIds clusters to watch; none by default
 * @param interval time between polls
 * @param lookback how far back the first poll of a cluster reads
 */
@ConfigurationProperties("rebound.databricks.watch")
record ClusterWatchProperties(
    List<String> clusterIds,
    @DefaultValue("60s") Duration interval,
    @DefaultValue("1h") Duration lookback) {

  ClusterWatchProperties {
    clusterIds = clusterIds == null ? List.of() : List.copyOf(clusterIds);
  }
}
