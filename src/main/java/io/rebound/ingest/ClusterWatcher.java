package io.rebound.ingest;

import io.rebound.connector.DatabricksReads;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polls the cluster events of the watched clusters and turns each termination into a delivery of
 * the {@code cluster.terminated} notification shape, which then goes through the same inbox,
 * extractor and policy as a webhook. The policy decides whether the termination is a failure:
 * INACTIVITY or a user's stop opens nothing. Where it stopped reading is kept per cluster.
 */
@Component
class ClusterWatcher {

  private static final Logger log = LoggerFactory.getLogger(ClusterWatcher.class);

  private final ObjectProvider<DatabricksReads> reads;
  private final ClusterWatchProperties properties;
  private final Intake intake;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  ClusterWatcher(
      ObjectProvider<DatabricksReads> reads,
      ClusterWatchProperties properties,
      Intake intake,
      JdbcClient jdbc,
      ObjectMapper json,
      Optional<Clock> clock) {
    this.reads = reads;
    this.properties = properties;
    this.intake = intake;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Scheduled(
      fixedDelayString = "${rebound.databricks.watch.interval:60s}",
      initialDelayString = "${rebound.databricks.watch.interval:60s}")
  void pollAll() {
    DatabricksReads api = reads.getIfAvailable();
    if (api == null || properties.clusterIds().isEmpty()) {
      return;
    }
    for (String clusterId : properties.clusterIds()) {
      try {
        poll(api, clusterId);
      } catch (RuntimeException e) {
        log.warn("Could not read events of Databricks cluster {}: {}", clusterId, e.toString());
      }
    }
  }

  /** Reads new events of one cluster; returns how many terminations were taken in. */
  int poll(DatabricksReads api, String clusterId) {
    long since =
        jdbc.sql("SELECT last_event_ms FROM cluster_watch_cursor WHERE cluster_id = ?")
            .param(clusterId)
            .query(Long.class)
            .optional()
            .map(last -> last + 1)
            .orElse(clock.instant().minus(properties.lookback()).toEpochMilli());
    JsonNode events = json.readTree(api.getClusterEvents(clusterId, since)).path("events");
    long newest = since - 1;
    List<JsonNode> terminations = new ArrayList<>();
    for (JsonNode event : events) {
      long timestamp = event.path("timestamp").asLong(0);
      if (timestamp < since) {
        continue;
      }
      newest = Math.max(newest, timestamp);
      if (event.path("type").asString("").equals("TERMINATING")
          && event.path("details").has("reason")) {
        terminations.add(event);
      }
    }
    java.util.Collections.reverse(terminations); // Databricks lists newest first
    for (JsonNode event : terminations) {
      byte[] body = json.writeValueAsBytes(asNotification(clusterId, event));
      intake.receive(
          new Intake.Arrival(
              WebhookEndpoint.DATABRICKS,
              "cluster-watch",
              json.writeValueAsString(Map.of("X-Rebound-Origin", "cluster events poller")),
              body,
              false,
              body.length,
              null,
              "rebound:cluster-watch"));
    }
    if (newest >= since) {
      saveCursor(clusterId, newest);
    }
    return terminations.size();
  }

  /** The event as the {@code cluster.terminated} notification the extractor already reads. */
  private ObjectNode asNotification(String clusterId, JsonNode event) {
    ObjectNode body = json.createObjectNode();
    body.put("event", "cluster.terminated");
    body.put("event_type", "cluster.terminated");
    body.put("timestamp", event.path("timestamp").asLong());
    ObjectNode cluster = body.putObject("cluster");
    cluster.put("cluster_id", clusterId);
    cluster.put("state", "TERMINATED");
    JsonNode reason = event.path("details").path("reason");
    String message = reason.path("parameters").path("databricks_error_message").asString(null);
    cluster.put(
        "state_message",
        message != null ? message : "Terminated: " + reason.path("code").asString("UNKNOWN"));
    cluster.set("termination_reason", reason);
    return body;
  }

  private void saveCursor(String clusterId, long newest) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    int updated =
        jdbc.sql(
                "UPDATE cluster_watch_cursor SET last_event_ms = ?, updated_at = ? WHERE cluster_id = ?")
            .params(newest, now, clusterId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO cluster_watch_cursor (cluster_id, last_event_ms, updated_at) VALUES (?, ?, ?)")
          .params(clusterId, newest, now)
          .update();
    }
  }
}
