package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Clusters API events bodies, as the cluster-event poller fetches them. The newest event that
 * reports trouble is the fact (order by timestamp, not by position: callers may ask ASC or DESC).
 */
final class DatabricksClusterEventsReader implements BodyReader {

  private static final Set<String> TROUBLE =
      Set.of(
          "TERMINATING",
          "DRIVER_NOT_RESPONDING",
          "DRIVER_UNAVAILABLE",
          "NODES_LOST",
          "DBFS_DOWN",
          "METASTORE_DOWN",
          "SPARK_EXCEPTION",
          "ADD_NODES_FAILED",
          "FAILED_TO_EXPAND_DISK",
          "AUTOSCALING_FAILED");
  private static final Set<String> HEALTHY =
      Set.of("RUNNING", "DRIVER_HEALTHY", "UPSIZE_COMPLETED");
  private static final Set<String> CHANGING =
      Set.of("CREATING", "STARTING", "RESTARTING", "RESIZING", "INIT_SCRIPTS_STARTED");

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("events").isArray();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    List<JsonNode> newestFirst =
        Json.elements(body, "events")
            .sorted(
                Comparator.comparingLong((JsonNode e) -> Json.millis(e.path("timestamp")))
                    .reversed())
            .toList();
    if (newestFirst.isEmpty()) {
      throw new UnreadablePayloadException(
          "Databricks cluster events body has an empty events list: nothing happened to report");
    }
    Optional<JsonNode> trouble =
        newestFirst.stream().filter(e -> Json.in(TROUBLE, Json.text(e, "type"))).findFirst();
    JsonNode event = trouble.orElse(newestFirst.get(0));
    String type = Json.text(event, "type");
    FactBuilder fact =
        new FactBuilder(Source.DATABRICKS)
            .kind(ResourceKind.CLUSTER)
            .clusterId(Json.text(event, "cluster_id"))
            .occurredAt(Json.instant(event, "timestamp"))
            .attribute("eventType", type)
            .attribute(
                "driverStateMessage",
                newestFirst.stream()
                    .map(e -> Json.text(e, "details", "driver_state_message"))
                    .filter(message -> message != null)
                    .findFirst()
                    .orElse(null));
    JsonNode reason = event.path("details").path("reason");
    if ("TERMINATING".equals(type)) {
      fact.outcome(Outcome.TERMINATED);
    } else if (trouble.isPresent()) {
      fact.outcome(Outcome.FAILED).platformCode(type);
    } else {
      fact.outcome(
          Json.in(HEALTHY, type)
              ? Outcome.SUCCEEDED
              : Json.in(CHANGING, type) ? Outcome.IN_PROGRESS : Outcome.UNKNOWN);
    }
    String reasonMessage = DatabricksTerms.applyTerminationReason(fact, reason);
    return fact.message(
        reasonMessage,
        Json.text(event, "details", "driver_state_message"),
        Json.text(event, "details", "cause"));
  }
}
