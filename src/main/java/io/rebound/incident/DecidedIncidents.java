package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.policy.Decision;
import io.rebound.policy.Evaluation;
import io.rebound.policy.ExplanationEntry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Decided incidents as remediation reads them back: the decision is taken from the incident row
 * itself (the fact, decision and explanation stored when it was decided), so a plan made minutes or
 * a restart later acts on exactly what was decided, whatever the policy says by then.
 */
@Service
public class DecidedIncidents {

  private static final TypeReference<List<ExplanationEntry>> EXPLANATION = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  DecidedIncidents(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * The decision on this incident if it is still DECIDED (waiting for remediation); empty once
   * remediation or a person moved it on, or when there is no such incident.
   *
   * @param requestedBy who asked for the remediation, as the deciding transaction recorded it
   */
  public Optional<IncidentDecided> awaitingRemediation(UUID incidentId, String requestedBy) {
    return jdbc.sql(
            """
            SELECT fact, decision, explanation, policy_version, request_id FROM incident
            WHERE id = ? AND status = ?""")
        .params(incidentId, IncidentStatus.DECIDED.name())
        .query(
            (rs, row) -> {
              FailureFact fact = json.readValue(rs.getString("fact"), FailureFact.class);
              Decision decision = json.readValue(rs.getString("decision"), Decision.class);
              String explanation = rs.getString("explanation");
              List<ExplanationEntry> entries =
                  explanation == null ? List.of() : json.readValue(explanation, EXPLANATION);
              Evaluation evaluation =
                  new Evaluation(fact, decision, entries, rs.getString("policy_version"));
              return new IncidentDecided(
                  incidentId, fact, evaluation, requestedBy, rs.getString("request_id"));
            })
        .optional();
  }

  /** One page of the incidents waiting for remediation (status DECIDED), oldest first. */
  public List<UUID> awaitingRemediation(int offset, int limit) {
    return jdbc.sql(
            "SELECT id FROM incident WHERE status = ? ORDER BY first_seen, id LIMIT ? OFFSET ?")
        .params(IncidentStatus.DECIDED.name(), limit, offset)
        .query(UUID.class)
        .list();
  }
}
