package io.rebound.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for incidents. Plain statements that run unchanged on H2 (PostgreSQL mode) and PostgreSQL;
 * the open-fingerprint unique constraint is what keeps concurrent copies of a delivery from opening
 * two incidents.
 */
@Repository
class IncidentStore {

  /** Filters for the incident list; every field is optional. */
  record Filter(
      IncidentStatus status,
      String source,
      String errorType,
      String environment,
      Instant from,
      Instant to) {}

  private final JdbcClient jdbc;

  IncidentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts one more occurrence on the open incident with this fingerprint, if there is one. */
  Optional<UUID> addOccurrence(String fingerprint, Instant seenAt) {
    int updated =
        jdbc.sql(
                """
                UPDATE incident SET occurrences = occurrences + 1,
                       last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END
                WHERE open_fingerprint = ?""")
            .params(utc(seenAt), utc(seenAt), fingerprint)
            .update();
    return updated == 0 ? Optional.empty() : findOpen(fingerprint);
  }

  /** The open incident holding this fingerprint, if there is one. */
  Optional<UUID> findOpen(String fingerprint) {
    return jdbc.sql("SELECT id FROM incident WHERE open_fingerprint = ?")
        .param(fingerprint)
        .query(UUID.class)
        .optional();
  }

  /**
   * The request id of the delivery that opened this incident (written once, when it is decided).
   */
  void attachRequestId(UUID id, String requestId) {
    jdbc.sql("UPDATE incident SET request_id = ? WHERE id = ? AND request_id IS NULL")
        .params(requestId, id)
        .update();
  }

  /**
   * Counts {@code count} more occurrences on an incident that still holds the fingerprint; false
   * when it no longer does (resolved or suppressed meanwhile).
   */
  boolean addOccurrences(UUID id, String fingerprint, int count, Instant lastSeen) {
    return jdbc.sql(
                """
                UPDATE incident SET occurrences = occurrences + ?,
                       last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END
                WHERE id = ? AND open_fingerprint = ?""")
            .params(count, utc(lastSeen), utc(lastSeen), id, fingerprint)
            .update()
        == 1;
  }

  /**
   * Inserts a new open incident unless another transaction holds an open one with the same
   * fingerprint; ON CONFLICT DO NOTHING waits for that transaction instead of failing ours.
   */
  boolean insertIfAbsent(IncidentRow row) {
    return jdbc.sql(
                """
                INSERT INTO incident (id, fingerprint, open_fingerprint, resource_key, alert_key,
                    source, environment, resource, status, error_type, category, severity,
                    priority, error_message, fact, decision, explanation, policy_version,
                    occurrences, first_seen, last_seen, resolved_at, status_reason, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
            .params(
                row.id(),
                row.fingerprint(),
                row.status().isOpen() ? row.fingerprint() : null,
                row.resourceKey(),
                row.alertKey(),
                row.source(),
                row.environment(),
                row.resource(),
                row.status().name(),
                row.errorType(),
                row.category(),
                row.severity(),
                row.priority(),
                row.errorMessage(),
                row.factJson(),
                row.decisionJson(),
                row.explanationJson(),
                row.policyVersion(),
                row.occurrences(),
                utc(row.firstSeen()),
                utc(row.lastSeen()),
                row.resolvedAt() == null ? null : utc(row.resolvedAt()),
                row.statusReason(),
                row.version())
            .update()
        == 1;
  }

  /**
   * Moves an incident to a new status if nobody changed it since it was read (version check).
   * Resolving or suppressing it frees its fingerprint for a new incident.
   */
  boolean updateStatus(
      UUID id, int expectedVersion, IncidentStatus status, String reason, Instant at) {
    return jdbc.sql(
                """
                UPDATE incident SET status = ?, status_reason = ?, version = version + 1,
                       open_fingerprint = CASE WHEN ? THEN open_fingerprint ELSE NULL END,
                       resolved_at = CASE WHEN ? THEN ? ELSE resolved_at END
                WHERE id = ? AND version = ?""")
            .params(
                status.name(),
                reason,
                status.absorbsRepeats(),
                status == IncidentStatus.RESOLVED,
                utc(at),
                id,
                expectedVersion)
            .update()
        == 1;
  }

  Optional<IncidentRow> find(UUID id) {
    return jdbc.sql("SELECT * FROM incident WHERE id = ?").param(id).query(this::map).optional();
  }

  /**
   * Incidents holding their fingerprint that a success or resolved alert for these keys may close.
   */
  List<IncidentRow> findOpenByKeys(String resourceKey, String alertKey) {
    return jdbc.sql(
            """
            SELECT * FROM incident WHERE open_fingerprint IS NOT NULL
              AND (resource_key = ? OR alert_key = ?)""")
        .params(resourceKey, alertKey)
        .query(this::map)
        .list();
  }

  List<IncidentRow> list(Filter filter, int page, int size) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    return jdbc.sql(
            "SELECT * FROM incident"
                + where
                + " ORDER BY first_seen DESC, id LIMIT "
                + size
                + " OFFSET "
                + ((long) page * size))
        .params(params)
        .query(this::map)
        .list();
  }

  long count(Filter filter) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("SELECT COUNT(*) FROM incident" + where(filter, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  private static String where(Filter filter, List<Object> params) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      params.add(filter.status().name());
    }
    if (filter.source() != null) {
      sql.append(" AND source = ?");
      params.add(filter.source());
    }
    if (filter.errorType() != null) {
      sql.append(" AND error_type = ?");
      params.add(filter.errorType());
    }
    if (filter.environment() != null) {
      sql.append(" AND environment = ?");
      params.add(filter.environment());
    }
    if (filter.from() != null) {
      sql.append(" AND first_seen >= ?");
      params.add(utc(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" AND first_seen < ?");
      params.add(utc(filter.to()));
    }
    return sql.toString();
  }

  /** Incidents still being worked on, counted per severity and status. */
  List<Object[]> openBySeverityAndStatus() {
    return jdbc.sql(
            "SELECT severity, status, COUNT(*) FROM incident"
                + " WHERE status IN ('OPEN', 'DECIDED', 'REMEDIATING') GROUP BY severity, status")
        .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})
        .list();
  }

  /** Counts per value of one column ({@code error_type} or {@code status}) in a time window. */
  List<Object[]> countBy(String column, Instant from, Instant to) {
    if (!column.equals("error_type") && !column.equals("status")) {
      throw new IllegalArgumentException(column);
    }
    List<Object> params = new ArrayList<>();
    String where = where(new Filter(null, null, null, null, from, to), params);
    return jdbc.sql(
            "SELECT "
                + column
                + ", COUNT(*) FROM incident"
                + where
                + " GROUP BY "
                + column
                + " ORDER BY COUNT(*) DESC")
        .params(params)
        .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
        .list();
  }

  /** First-seen and resolved times of resolved incidents in a window, for mean time to resolve. */
  List<Instant[]> resolvedTimes(Instant from, Instant to) {
    List<Object> params = new ArrayList<>();
    String where = where(new Filter(IncidentStatus.RESOLVED, null, null, null, from, to), params);
    return jdbc.sql("SELECT first_seen, resolved_at FROM incident" + where)
        .params(params)
        .query(
            (rs, n) ->
                new Instant[] {
                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                  rs.getObject(2, OffsetDateTime.class).toInstant()
                })
        .list();
  }

  private IncidentRow map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
    return new IncidentRow(
        rs.getObject("id", UUID.class),
        rs.getString("fingerprint"),
        rs.getString("resource_key"),
        rs.getString("alert_key"),
        rs.getString("source"),
        rs.getString("environment"),
        rs.getString("resource"),
        IncidentStatus.valueOf(rs.getString("status")),
        rs.getString("error_type"),
        rs.getString("category"),
        rs.getString("severity"),
        rs.getString("priority"),
        rs.getString("error_message"),
        rs.getString("fact"),
        rs.getString("decision"),
        rs.getString("explanation"),
        rs.getString("policy_version"),
        rs.getInt("occurrences"),
        rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
        rs.getObject("last_seen", OffsetDateTime.class).toInstant(),
        resolved == null ? null : resolved.toInstant(),
        rs.getString("status_reason"),
        rs.getInt("version"));
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
