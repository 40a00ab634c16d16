package io.rebound.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inbox table: deliveries stored before they are answered, and their processing state. */
@Repository
class Inbox {

  /** Filters for the delivery list; every field is optional. */
  record Filter(String source, Delivery.Status status, Instant from, Instant to, UUID incidentId) {}

  /** Deliveries not yet turned into an incident, and when the oldest of them arrived. */
  record Backlog(long waiting, Instant oldestReceivedAt) {}

  /** A delivery processed, and the incident it opened, repeated or resolved (may be null). */
  record Processed(UUID deliveryId, UUID incidentId) {}

  private static final String MARK_PROCESSED =
      """
      UPDATE delivery SET status = 'PROCESSED', processed_at = ?, incident_id = ?,
             attempts = attempts + 1, next_attempt_at = NULL, reason = NULL
      WHERE id = ? AND status = 'RECEIVED'""";

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  Inbox(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  void insert(Delivery d) {
    jdbc.sql(
            """
            INSERT INTO delivery (id, source, endpoint, received_at, headers, body, body_truncated,
                body_size, status, http_status, reason, attempts, next_attempt_at, processed_at,
                incident_id, replay_of, requested_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            d.id(),
            d.source(),
            d.endpoint(),
            utc(d.receivedAt()),
            d.headersJson(),
            d.body(),
            d.bodyTruncated(),
            d.bodySize(),
            d.status().name(),
            d.httpStatus(),
            d.reason(),
            d.attempts(),
            utc(d.nextAttemptAt()),
            utc(d.processedAt()),
            d.incidentId(),
            d.replayOf(),
            d.requestedBy())
        .update();
  }

  Optional<Delivery> find(UUID id) {
    return jdbc.sql("SELECT * FROM delivery WHERE id = ?").param(id).query(this::map).optional();
  }

  /** Deliveries waiting for processing whose lease or backoff has run out. */
  List<Due> due(Instant now, int limit) {
    return jdbc.sql(
            "SELECT id, source FROM delivery WHERE status = 'RECEIVED' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at LIMIT "
                + limit)
        .param(utc(now))
        .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("source")))
        .list();
  }

  /** A delivery waiting for processing. */
  record Due(UUID id, String source) {}

  /**
   * Takes a due delivery for one worker: only the caller whose update moves next_attempt_at on gets
   * it, so two sweeps (or two instances) never process it twice at once.
   */
  boolean claim(UUID id, Instant now, Instant leaseUntil) {
    return jdbc.sql(
                """
                UPDATE delivery SET next_attempt_at = ?
                WHERE id = ? AND status = 'RECEIVED' AND next_attempt_at <= ?""")
            .params(utc(leaseUntil), id, utc(now))
            .update()
        == 1;
  }

  /** Marks it processed; false if it no longer waits (another worker finished it first). */
  boolean markProcessed(UUID id, UUID incidentId, Instant now) {
    return jdbc.sql(MARK_PROCESSED).params(utc(now), incidentId, id).update() == 1;
  }

  /**
   * Marks many processed in one JDBC batch; false if any of them no longer waited (the caller's
   * transaction must then be rolled back).
   */
  boolean markAllProcessed(List<Processed> processed, Instant now) {
    OffsetDateTime at = utc(now);
    int[] updated =
        batches.batchUpdate(
            MARK_PROCESSED,
            processed.stream()
                .map(p -> new Object[] {at, p.incidentId(), p.deliveryId()})
                .toList());
    for (int count : updated) {
      if (count != 1) {
        return false;
      }
    }
    return true;
  }

  /** Records a failed attempt: retried at {@code retryAt}, or FAILED when retryAt is null. */
  void markAttemptFailed(UUID id, String reason, Instant retryAt) {
    jdbc.sql(
            """
            UPDATE delivery SET attempts = attempts + 1, reason = ?, next_attempt_at = ?,
                   status = CASE WHEN ? THEN 'RECEIVED' ELSE 'FAILED' END
            WHERE id = ? AND status = 'RECEIVED'""")
        .params(reason, utc(retryAt), retryAt != null, id)
        .update();
  }

  Backlog backlog() {
    return jdbc.sql(
            "SELECT COUNT(*) AS waiting, MIN(received_at) AS oldest FROM delivery"
                + " WHERE status = 'RECEIVED'")
        .query((rs, n) -> new Backlog(rs.getLong("waiting"), instant(rs, "oldest")))
        .single();
  }

  List<Delivery> list(Filter filter, int page, int size) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql(
            "SELECT * FROM delivery"
                + where(filter, params)
                + " ORDER BY received_at DESC, id LIMIT "
                + size
                + " OFFSET "
                + ((long) page * size))
        .params(params)
        .query(this::map)
        .list();
  }

  long count(Filter filter) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("SELECT COUNT(*) FROM delivery" + where(filter, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  private static String where(Filter filter, List<Object> params) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (filter.source() != null) {
      sql.append(" AND source = ?");
      params.add(filter.source());
    }
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      params.add(filter.status().name());
    }
    if (filter.from() != null) {
      sql.append(" AND received_at >= ?");
      params.add(utc(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" AND received_at < ?");
      params.add(utc(filter.to()));
    }
    if (filter.incidentId() != null) {
      sql.append(" AND incident_id = ?");
      params.add(filter.incidentId());
    }
    return sql.toString();
  }

  private Delivery map(ResultSet rs, int row) throws SQLException {
    return new Delivery(
        rs.getObject("id", UUID.class),
        rs.getString("source"),
        rs.getString("endpoint"),
        instant(rs, "received_at"),
        rs.getString("headers"),
        rs.getBytes("body"),
        rs.getBoolean("body_truncated"),
        rs.getInt("body_size"),
        Delivery.Status.valueOf(rs.getString("status")),
        rs.getInt("http_status"),
        rs.getString("reason"),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        instant(rs, "processed_at"),
        rs.getObject("incident_id", UUID.class),
        rs.getObject("replay_of", UUID.class),
        rs.getString("requested_by"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
