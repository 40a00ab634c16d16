package io.rebound.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The append-only audit trail: who did what, when, to which incident or delivery. Rows are only
 * ever inserted. Joins the caller's transaction, so an event is recorded exactly when the change it
 * describes is.
 */
@Component
public class AuditTrail {

  /** One audit event as the API shows it. */
  public record AuditEvent(
      UUID id,
      Instant occurredAt,
      String actor,
      String action,
      UUID incidentId,
      UUID deliveryId,
      String resource,
      JsonNode details,
      String requestId) {}

  /** Filters for {@link #find}; every field is optional. */
  public record Query(
      UUID incidentId, String resource, String action, Instant from, Instant to, int limit) {}

  /** An event recorded later, with others, in one statement batch ({@link #recordAll}). */
  record Pending(
      OffsetDateTime occurredAt,
      String actor,
      String action,
      UUID incidentId,
      UUID deliveryId,
      String resource,
      Map<String, ?> details,
      String requestId) {}

  private static final String INSERT =
      """
      INSERT INTO audit_event (id, occurred_at, actor, action, incident_id, delivery_id,
                               resource, details, request_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final ObjectMapper json;

  AuditTrail(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.json = json;
  }

  /** Also records the request id on this thread ({@link RequestIds}), when there is one. */
  public void record(
      String actor,
      String action,
      UUID incidentId,
      UUID deliveryId,
      String resource,
      Map<String, ?> details) {
    jdbc.sql(INSERT)
        .params(
            TimeOrderedIds.next(),
            OffsetDateTime.now(ZoneOffset.UTC),
            actor,
            action,
            incidentId,
            deliveryId,
            resource,
            json.writeValueAsString(details == null ? Map.of() : details),
            RequestIds.current())
        .update();
  }

  /**
   * Records events in one JDBC batch, in list order: during an alert storm the repeats of a batch
   * of deliveries are hundreds of rows, one round trip instead of one statement each.
   */
  void recordAll(List<Pending> events) {
    if (events.isEmpty()) {
      return;
    }
    batches.batchUpdate(
        INSERT,
        events.stream()
            .map(
                e ->
                    new Object[] {
                      TimeOrderedIds.next(),
                      e.occurredAt(),
                      e.actor(),
                      e.action(),
                      e.incidentId(),
                      e.deliveryId(),
                      e.resource(),
                      json.writeValueAsString(e.details() == null ? Map.of() : e.details()),
                      e.requestId()
                    })
            .toList());
  }

  public List<AuditEvent> find(Query query) {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (query.incidentId() != null) {
      sql.append(" AND incident_id = ?");
      params.add(query.incidentId());
    }
    if (query.resource() != null) {
      sql.append(" AND resource = ?");
      params.add(query.resource());
    }
    if (query.action() != null) {
      sql.append(" AND action = ?");
      params.add(query.action());
    }
    if (query.from() != null) {
      sql.append(" AND occurred_at >= ?");
      params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
    }
    if (query.to() != null) {
      sql.append(" AND occurred_at < ?");
      params.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
    }
    sql.append(" ORDER BY seq LIMIT ").append(Math.max(1, query.limit()));
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  private AuditEvent map(ResultSet rs, int row) throws SQLException {
    return new AuditEvent(
        rs.getObject("id", UUID.class),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getObject("incident_id", UUID.class),
        rs.getObject("delivery_id", UUID.class),
        rs.getString("resource"),
        json.readTree(rs.getString("details")),
        rs.getString("request_id"));
  }
}
