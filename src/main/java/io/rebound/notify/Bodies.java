package io.rebound.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies the channels get. */
final class Bodies {

  private Bodies() {}

  /** Slack's incoming-webhook shape: a plain {@code text} fallback plus Block Kit blocks. */
  static Map<String, Object> slack(IncidentNotice n) {
    String headline = headline(n);
    String facts =
        "*Error type:* %s\n*Environment:* %s\n*Severity:* %s\n*Resource:* %s\n*Incident:* %s"
            .formatted(
                orDash(n.errorType()),
                orDash(n.environment()),
                orDash(n.severity()),
                orDash(n.resource()),
                n.incidentId());
    return Map.of(
        "text",
        headline + ": " + orDash(n.reason()),
        "blocks",
        List.of(
            Map.of("type", "header", "text", Map.of("type", "plain_text", "text", headline)),
            Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", orDash(n.reason()))),
            Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", facts))));
  }

  static Map<String, Object> generic(IncidentNotice n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "incident." + n.outcome().name().toLowerCase(java.util.Locale.ROOT));
    body.put("incidentId", n.incidentId().toString());
    body.put("outcome", n.outcome().name());
    body.put("reason", n.reason());
    body.put("errorType", n.errorType());
    body.put("severity", n.severity());
    body.put("environment", n.environment());
    body.put("source", n.source());
    body.put("resource", n.resource());
    body.put("at", n.at() == null ? null : n.at().toString());
    return body;
  }

  private static String headline(IncidentNotice n) {
    return switch (n.outcome()) {
      case RESOLVED -> "Resolved automatically: " + orDash(n.errorType());
      case ESCALATED -> "Needs a human: " + orDash(n.errorType());
    };
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }
}
