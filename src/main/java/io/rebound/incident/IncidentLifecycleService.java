package io.rebound.incident;

import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link IncidentLifecycle} for remediation: guarded transitions, each audited. */
@Service
class IncidentLifecycleService implements IncidentLifecycle {

  private final IncidentTransitions transitions;
  private final IncidentStore store;
  private final AuditTrail audit;

  IncidentLifecycleService(IncidentTransitions transitions, IncidentStore store, AuditTrail audit) {
    this.transitions = transitions;
    this.store = store;
    this.audit = audit;
  }

  @Override
  @Transactional
  public void markRemediating(UUID incidentId, String actor, String detail) {
    transitions.move(
        incidentId, IncidentStatus.REMEDIATING, actor, "incident.remediating", detail, null);
  }

  @Override
  @Transactional
  public void markResolved(UUID incidentId, String actor, String reason) {
    transitions.move(incidentId, IncidentStatus.RESOLVED, actor, "incident.resolved", reason, null);
  }

  @Override
  @Transactional
  public void markEscalated(UUID incidentId, String actor, String reason) {
    transitions.move(
        incidentId, IncidentStatus.ESCALATED, actor, "incident.escalated", reason, null);
  }

  /** Suppressing is an ops decision (known noise), not remediation's: kept off the contract. */
  @Transactional
  void markSuppressed(UUID incidentId, String actor, String reason) {
    transitions.move(
        incidentId, IncidentStatus.SUPPRESSED, actor, "incident.suppressed", reason, null);
  }

  @Override
  @Transactional
  public void audit(UUID incidentId, String actor, String action, Map<String, Object> details) {
    String resource =
        store
            .find(incidentId)
            .map(IncidentRow::resource)
            .orElseThrow(() -> new IllegalArgumentException("No incident with id " + incidentId));
    audit.record(actor, action, incidentId, null, resource, details);
  }
}
