package io.rebound.ticket;

import io.rebound.incident.IncidentLifecycle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jira's webhook ({@code jira:issue_updated} with its changelog), already authenticated by ingest:
 * each status change of an issue Rebound opened goes into its incident's audit trail, with the
 * person who made it. Rebound itself never changes an issue's status (it only creates issues and
 * comments), so every status change recorded here was made by a person or the site's own
 * automation. Anything else Jira sends is acknowledged and ignored, so Jira does not retry it.
 */
@Service
public class JiraUpdates {

  /**
   * The answer for Jira: an HTTP status and a small JSON body.
   *
   * @param status "recorded" or "ignored"; for a 400, the error code
   */
  public record Receipt(int httpStatus, String status, String detail, UUID incidentId) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TicketStore store;
  private final IncidentLifecycle lifecycle;

  JiraUpdates(TicketStore store, IncidentLifecycle lifecycle) {
    this.store = store;
    this.lifecycle = lifecycle;
  }

  @Transactional
  public Receipt receive(byte[] body) {
    JsonNode update;
    try {
      update = JSON.readTree(body);
    } catch (JacksonException notJson) {
      return new Receipt(400, "invalid_json", "The body is not JSON: Jira sends JSON", null);
    }
    if (update == null || !update.isObject()) {
      return new Receipt(400, "invalid_json", "The body is not a JSON object", null);
    }
    String event = text(update.path("webhookEvent"));
    if (!"jira:issue_updated".equals(event)) {
      return ignored(
          "Only jira:issue_updated is read; this was " + (event == null ? "no event" : event));
    }
    String key = text(update.path("issue").path("key"));
    if (key == null) {
      return ignored("The update names no issue key");
    }
    Optional<TicketStore.Ticket> ticket = store.forKey(key);
    if (ticket.isEmpty()) {
      return ignored("No incident has the Jira issue " + key);
    }
    JsonNode status = statusChange(update.path("changelog").path("items"));
    if (status == null) {
      return ignored("The update of " + key + " does not change its status");
    }
    UUID incidentId = ticket.get().incidentId();
    String to = text(status.path("toString"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("issue", key);
    details.put("from", text(status.path("fromString")));
    details.put("to", to);
    details.put("changelogId", text(update.path("changelog").path("id")));
    lifecycle.audit(incidentId, actor(update.path("user")), "jira.status-changed", details);
    store.statusChanged(key, to, when(update.path("timestamp")));
    return new Receipt(200, "recorded", key + " is now " + to, incidentId);
  }

  private static JsonNode statusChange(JsonNode items) {
    if (!items.isArray()) {
      return null;
    }
    for (JsonNode item : items) {
      if ("status".equals(text(item.path("field")))
          || "status".equals(text(item.path("fieldId")))) {
        return item;
      }
    }
    return null;
  }

  /** "jira:" and the person's name as Jira shows it; the account id when the name is hidden. */
  private static String actor(JsonNode user) {
    String name = text(user.path("displayName"));
    if (name == null) {
      name = text(user.path("accountId"));
    }
    String actor = "jira:" + (name == null ? "unknown" : name);
    return actor.length() <= 120 ? actor : actor.substring(0, 120);
  }

  private static Instant when(JsonNode timestamp) {
    if (timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
      long millis = timestamp.asLong();
      if (millis > 0 && millis < 32_503_680_000_000L) { // before the year 3000
        return Instant.ofEpochMilli(millis);
      }
    }
    return Instant.now();
  }

  private static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
      return null;
    }
    String value = node.asString();
    return value == null || value.isBlank() ? null : value;
  }

  private static Receipt ignored(String why) {
    return new Receipt(200, "ignored", why, null);
  }
}
