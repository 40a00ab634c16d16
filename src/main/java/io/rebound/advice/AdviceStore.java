package io.rebound.advice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The advice table. */
@Repository
class AdviceStore {

  /** One incident's advice as stored; nextSteps is a JSON array of strings. */
  record Advice(
      UUID incidentId,
      Instant createdAt,
      String model,
      String summary,
      String nextStepsJson,
      String suggestedRow,
      int promptTokens,
      int completionTokens,
      int totalTokens) {}

  private final JdbcClient jdbc;

  AdviceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Advice> forIncident(UUID incidentId) {
    return jdbc.sql("SELECT * FROM incident_advice WHERE incident_id = ?")
        .param(incidentId)
        .query(
            (rs, row) ->
                new Advice(
                    rs.getObject("incident_id", UUID.class),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getString("model"),
                    rs.getString("summary"),
                    rs.getString("next_steps"),
                    rs.getString("suggested_row"),
                    rs.getInt("prompt_tokens"),
                    rs.getInt("completion_tokens"),
                    rs.getInt("total_tokens")))
        .optional();
  }

  /** Tokens spent on advice since the start of this UTC day. */
  long tokensSpentToday(Instant now) {
    Instant day = now.truncatedTo(ChronoUnit.DAYS);
    return jdbc.sql(
            "SELECT COALESCE(SUM(total_tokens), 0) FROM incident_advice WHERE created_at >= ?")
        .param(OffsetDateTime.ofInstant(day, ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  void insert(Advice advice) {
    jdbc.sql(
            """
            INSERT INTO incident_advice (incident_id, created_at, model, summary, next_steps,
                suggested_row, prompt_tokens, completion_tokens, total_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            advice.incidentId(),
            OffsetDateTime.ofInstant(advice.createdAt(), ZoneOffset.UTC),
            advice.model(),
            advice.summary(),
            advice.nextStepsJson(),
            advice.suggestedRow(),
            advice.promptTokens(),
            advice.completionTokens(),
            advice.totalTokens())
        .update();
  }
}
