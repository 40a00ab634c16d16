package io.rebound.extract;

import io.rebound.failure.Outcome;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Activity log alerts in the common schema (signalType "Activity Log"): administrative operations,
 * Service Health and Resource Health events. Their outcome is the operation's or event's status,
 * not the alert's monitorCondition (which is always "Fired"), and their code is what Azure says
 * happened.
 */
final class ActivityLogAlert {

  /** Platform code of an active Azure service incident (Service Health). */
  static final String SERVICE_INCIDENT = "ServiceHealthIncident";

  /** Platform code of a resource Azure reports unavailable (Resource Health). */
  static final String RESOURCE_UNAVAILABLE = "ResourceHealthUnavailable";

  private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"(\\w+)\"");

  private ActivityLogAlert() {}

  static boolean is(JsonNode essentials) {
    return "Activity Log".equalsIgnoreCase(Json.text(essentials, "signalType"));
  }

  static void read(FactBuilder fact, JsonNode essentials, JsonNode context) {
    String service = Objects.requireNonNullElse(Json.text(essentials, "monitoringService"), "");
    JsonNode properties = context.path("properties");
    String status =
        Objects.requireNonNullElse(Json.text(context, "status"), "").toLowerCase(Locale.ROOT);
    fact.attribute("activityStatus", Json.text(context, "status"))
        .attribute("operationName", Json.text(context, "operationName"))
        .message(
            Json.text(properties, "title"),
            Json.text(properties, "statusMessage"),
            Json.text(context, "operationName"));
    if (service.equalsIgnoreCase("ServiceHealth")) {
      String type = Objects.requireNonNullElse(Json.text(properties, "incidentType"), "");
      boolean incident = type.equalsIgnoreCase("Incident");
      fact.outcome(
          status.equals("resolved")
              ? Outcome.RESOLVED
              : incident ? Outcome.FAILED : Outcome.WARNING);
      if (incident) {
        fact.platformCode(SERVICE_INCIDENT);
      }
      return;
    }
    if (service.equalsIgnoreCase("ResourceHealth")) {
      String health = Objects.requireNonNullElse(Json.text(properties, "currentHealthStatus"), "");
      boolean down = health.equalsIgnoreCase("Unavailable") || health.equalsIgnoreCase("Degraded");
      fact.outcome(down ? Outcome.FAILED : Outcome.RESOLVED);
      if (down) {
        fact.platformCode(RESOURCE_UNAVAILABLE);
      }
      return;
    }
    fact.outcome(
        switch (status) {
          case "succeeded" -> Outcome.SUCCEEDED;
          case "failed" -> Outcome.FAILED;
          case "started", "accepted" -> Outcome.IN_PROGRESS;
          default -> Outcome.UNKNOWN;
        });
    Matcher code =
        ERROR_CODE.matcher(Objects.requireNonNullElse(Json.text(properties, "statusMessage"), ""));
    fact.platformCode(code.find() ? code.group(1) : null)
        .httpStatus(AdfErrors.httpStatus("status code " + Json.text(properties, "statusCode")));
  }
}
