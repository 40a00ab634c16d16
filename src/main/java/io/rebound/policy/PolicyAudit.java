package io.rebound.policy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Who uploaded, linted, replayed, promoted or rolled back which policy version. The same shape as
 * the incident audit trail, in the policy's own table: policy may not use incident, and an event is
 * recorded in the same transaction as the change it describes (a promotion and its audit row commit
 * together or not at all).
 */
@Component
class PolicyAudit {

  /** One audit event as the API shows it. */
  record PolicyAuditEvent(
      UUID id,
      Instant occurredAt,
      String actor,
      String action,
      String resource,
      JsonNode details) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  PolicyAudit(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void record(String actor, String action, Integer version, Map<String, ?> details) {
    jdbc.sql(
            """
            INSERT INTO policy_audit_event (id, occurred_at, actor, action, resource, details)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(
            UUID.randomUUID(),
            OffsetDateTime.now(ZoneOffset.UTC),
            actor,
            action,
            version == null ? "policy" : "policy/v" + version,
            json.writeValueAsString(details == null ? Map.of() : details))
        .update();
  }

  /** Newest first. */
  List<PolicyAuditEvent> latest(int limit) {
    return jdbc.sql(
            "SELECT id, occurred_at, actor, action, resource, details FROM policy_audit_event"
                + " ORDER BY seq DESC LIMIT ?")
        .param(limit)
        .query(
            (rs, i) ->
                new PolicyAuditEvent(
                    rs.getObject("id", UUID.class),
                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("resource"),
                    json.readTree(rs.getString("details"))))
        .list();
  }
}
