package io.rebound.incident;

import java.util.Map;
import java.util.UUID;

/**
 * What other modules (remediation) may do to an incident. Each transition is guarded: an illegal
 * one (for example resolving an ESCALATED incident) throws {@link IllegalStateException}. Every
 * call leaves an audit event.
 */
public interface IncidentLifecycle {

  void markRemediating(UUID incidentId, String actor, String detail);

  void markResolved(UUID incidentId, String actor, String reason);

  void markEscalated(UUID incidentId, String actor, String reason);

  /**
   * Appends an audit event to the incident's trail.
   *
   * @param action what happened, dotted lower-case: "attempt.started", "healthcheck.passed",
   *     "breaker.opened", "approval.granted"...
   */
  void audit(UUID incidentId, String actor, String action, Map<String, Object> details);
}
