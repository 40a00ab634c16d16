package io.rebound.incident;

import io.rebound.policy.Decision;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** Read-only access to incidents for modules that report on them (tickets, summaries). */
@Service
public class IncidentSnapshots {

  private final IncidentStore store;
  private final ObjectMapper json;

  IncidentSnapshots(IncidentStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  public Optional<IncidentSnapshot> find(UUID incidentId) {
    return store.find(incidentId).map(this::snapshot);
  }

  private IncidentSnapshot snapshot(IncidentRow row) {
    Decision decision =
        row.decisionJson() == null ? null : json.readValue(row.decisionJson(), Decision.class);
    return new IncidentSnapshot(
        row.id(),
        row.status(),
        row.source(),
        row.environment(),
        row.resource(),
        row.errorType(),
        row.category(),
        row.severity(),
        row.priority(),
        row.errorMessage(),
        row.statusReason(),
        decision == null || decision.playbook() == null ? null : decision.playbook().action(),
        decision == null || decision.reasons() == null ? List.of() : decision.reasons(),
        row.policyVersion(),
        row.occurrences(),
        row.firstSeen());
  }
}
