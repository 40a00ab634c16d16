package io.rebound.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Databricks REST bodies that send job failures to Rebound: a generic-webhook notification
 * destination (POST /api/2.0/notification-destinations) and the job setting that uses it (POST
 * /api/2.1/jobs/update, webhook_notifications.on_failure), plus the clusters Rebound polls for
 * terminations, which Databricks cannot send as a webhook.
 */
final class DatabricksSetup {

  static final String SECRET_PLACEHOLDER = "<REBOUND_WEBHOOKS_DATABRICKS_SECRET>";

  private DatabricksSetup() {}

  static Map<String, Object> answer(String reboundUrl, List<String> watchedClusters) {
    Map<String, Object> genericWebhook = new LinkedHashMap<>();
    genericWebhook.put("url", reboundUrl + "/webhooks/databricks?token=" + SECRET_PLACEHOLDER);
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("display_name", "Rebound");
    destination.put("config", Map.of("generic_webhook", genericWebhook));

    Map<String, Object> jobUpdate = new LinkedHashMap<>();
    jobUpdate.put("job_id", "<JOB_ID>");
    jobUpdate.put(
        "new_settings",
        Map.of(
            "webhook_notifications",
            Map.of("on_failure", List.of(Map.of("id", "<DESTINATION_ID>")))));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "secret",
        "Replace "
            + SECRET_PLACEHOLDER
            + " with Rebound's databricks webhook secret (REBOUND_WEBHOOKS_DATABRICKS_SECRET); it is"
            + " never part of this answer.");
    body.put(
        "notificationDestination",
        Map.of(
            "method", "POST",
            "path", "/api/2.0/notification-destinations",
            "body", destination,
            "note",
                "A workspace admin creates it once; the answer's id is the DESTINATION_ID below."));
    body.put(
        "jobNotification",
        Map.of(
            "method",
            "POST",
            "path",
            "/api/2.1/jobs/update",
            "body",
            jobUpdate,
            "note",
            "Once per job; jobs/update merges new_settings, so only webhook_notifications"
                + " changes (an existing on_failure list is replaced: include its ids)."));
    body.put("watchedClusters", watchedClusters);
    body.put(
        "clusters",
        watchedClusters.isEmpty()
            ? "No cluster is watched: set REBOUND_DATABRICKS_WATCH_CLUSTER_IDS (comma-separated)"
                + " so Rebound polls their events for terminations."
            : "Rebound polls these clusters' events for terminations"
                + " (REBOUND_DATABRICKS_WATCH_CLUSTER_IDS).");
    return body;
  }
}
