package io.rebound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Databricks workspace is and how far Rebound may scale a cluster.
 *
 * @param host workspace URL (DATABRICKS_HOST), for example
 *     https://adb-1234567890123456.7.azuredatabricks.net; http is accepted so a local stub works
 * @param token personal access token (DATABRICKS_TOKEN); never logged
 * @param maxWorkers ceiling for scale_cluster, whatever the playbook's percentage says
 */
@ConfigurationProperties("rebound.databricks")
record DatabricksProperties(String host, String token, @DefaultValue("20") int maxWorkers) {

  boolean configured() {
    return host != null && !host.isBlank();
  }

  @Override
  public String toString() {
    return "DatabricksProperties[host=" + host + ", token=***, maxWorkers=" + maxWorkers + "]";
  }
}
