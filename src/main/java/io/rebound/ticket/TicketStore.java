package io.rebound.ticket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident ↔ Jira issue table. */
@Repository
class TicketStore {

  /** An incident's issue; status is Jira's, as its last webhook said (null until one came). */
  record Ticket(
      UUID incidentId,
      String key,
      String url,
      Instant createdAt,
      String status,
      Instant statusAt) {}

  private final JdbcClient jdbc;

  TicketStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Ticket> forIncident(UUID incidentId) {
    return jdbc.sql("SELECT * FROM incident_ticket WHERE incident_id = ?")
        .param(incidentId)
        .query(TicketStore::map)
        .optional();
  }

  Optional<Ticket> forKey(String issueKey) {
    return jdbc.sql("SELECT * FROM incident_ticket WHERE issue_key = ?")
        .param(issueKey)
        .query(TicketStore::map)
        .optional();
  }

  void insert(UUID incidentId, String key, String url, Instant at) {
    jdbc.sql(
            """
            INSERT INTO incident_ticket (incident_id, issue_key, issue_url, created_at)
            VALUES (?, ?, ?, ?)""")
        .params(incidentId, key, url, utc(at))
        .update();
  }

  void statusChanged(String key, String status, Instant at) {
    String kept = status == null || status.length() <= 120 ? status : status.substring(0, 120);
    jdbc.sql("UPDATE incident_ticket SET status = ?, status_at = ? WHERE issue_key = ?")
        .params(kept, utc(at), key)
        .update();
  }

  private static Ticket map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    OffsetDateTime statusAt = rs.getObject("status_at", OffsetDateTime.class);
    return new Ticket(
        rs.getObject("incident_id", UUID.class),
        rs.getString("issue_key"),
        rs.getString("issue_url"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("status"),
        statusAt == null ? null : statusAt.toInstant());
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
