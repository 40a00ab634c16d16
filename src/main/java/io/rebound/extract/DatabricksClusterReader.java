package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Clusters API clusters/get bodies, and the prior tool's cluster events that wrap the same object
 * in "cluster" ("cluster.terminated", "cluster.failed_to_start").
 */
final class DatabricksClusterReader implements BodyReader {

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("cluster").isObject()
        || (body.has("cluster_id") && body.path("state").isString());
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode cluster = body.path("cluster").isObject() ? body.path("cluster") : body;
    String state = Json.text(cluster, "state");
    FactBuilder fact =
        new FactBuilder(Source.DATABRICKS)
            .kind(ResourceKind.CLUSTER)
            .clusterId(Json.text(cluster, "cluster_id"))
            .outcome(outcome(state))
            .occurredAt(Json.instant(body, "timestamp"))
            .occurredAt(Json.instant(cluster, "terminated_time"))
            .attribute("clusterName", Json.text(cluster, "cluster_name"))
            .attribute("clusterState", state)
            .attribute("clusterSource", Json.text(cluster, "cluster_source"))
            .attribute(
                "eventType", Json.first(Json.text(body, "event_type"), Json.text(body, "event")))
            .attributes(Json.scalars(cluster.path("custom_tags"), "tag."));
    String reasonMessage =
        DatabricksTerms.applyTerminationReason(fact, cluster.path("termination_reason"));
    // state_message is the sentence the Databricks UI shows for the cluster; the termination
    // parameters are kept as attributes either way.
    fact.message(Json.text(cluster, "state_message"), reasonMessage);
    fact.declaredEnvironment(environmentTag(cluster.path("custom_tags")));
    return fact;
  }

  /**
   * RUNNING is reported as SUCCEEDED: a running cluster is the healthy end state a recovery waits
   * for, not work in progress.
   */
  private static Outcome outcome(String state) {
    if (state == null) {
      return Outcome.UNKNOWN;
    }
    return switch (state.toUpperCase(Locale.ROOT)) {
      case "TERMINATED", "TERMINATING" -> Outcome.TERMINATED;
      case "ERROR" -> Outcome.FAILED;
      case "RUNNING" -> Outcome.SUCCEEDED;
      case "PENDING", "RESTARTING", "RESIZING" -> Outcome.IN_PROGRESS;
      default -> Outcome.UNKNOWN;
    };
  }

  private static String environmentTag(JsonNode tags) {
    if (!tags.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> tag : tags.properties()) {
      String key = tag.getKey().toLowerCase(Locale.ROOT);
      if (key.equals("env") || key.equals("environment")) {
        return Json.text(tag.getValue());
      }
    }
    return null;
  }
}
