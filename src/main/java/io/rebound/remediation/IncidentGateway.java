package io.rebound.remediation;

import io.rebound.incident.IncidentLifecycle;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remediation's calls into the incident module, each in its own transaction: a refused transition
 * (the incident was closed by hand, or a resolved alert closed it first) must not roll back the
 * plan's own bookkeeping. An audit write that fails is logged and never stops remediation.
 */
@Component
class IncidentGateway {

  static final String ACTOR = "rebound";
  private static final Logger log = LoggerFactory.getLogger(IncidentGateway.class);

  private final IncidentLifecycle lifecycle;
  private final TransactionTemplate ownTransaction;

  IncidentGateway(IncidentLifecycle lifecycle, PlatformTransactionManager transactions) {
    this.lifecycle = lifecycle;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void audit(UUID incidentId, String action, Map<String, Object> details) {
    audit(incidentId, ACTOR, action, details);
  }

  void audit(UUID incidentId, String actor, String action, Map<String, Object> details) {
    try {
      ownTransaction.executeWithoutResult(s -> lifecycle.audit(incidentId, actor, action, details));
    } catch (RuntimeException e) {
      log.warn("Audit event {} for incident {} not written: {}", action, incidentId, e.toString());
    }
  }

  /**
   * @return false when the incident refused the transition
   */
  boolean markRemediating(UUID incidentId, String detail) {
    return transition(
        incidentId, "remediating", () -> lifecycle.markRemediating(incidentId, ACTOR, detail));
  }

  boolean markResolved(UUID incidentId, String reason) {
    return transition(
        incidentId, "resolved", () -> lifecycle.markResolved(incidentId, ACTOR, reason));
  }

  boolean markEscalated(UUID incidentId, String reason) {
    return transition(
        incidentId, "escalated", () -> lifecycle.markEscalated(incidentId, ACTOR, reason));
  }

  private boolean transition(UUID incidentId, String to, Runnable call) {
    try {
      ownTransaction.executeWithoutResult(s -> call.run());
      return true;
    } catch (IllegalStateException refused) {
      log.info("Incident {} was not marked {}: {}", incidentId, to, refused.getMessage());
      audit(
          incidentId,
          "remediation.transition-refused",
          Map.of("to", to, "why", String.valueOf(refused.getMessage())));
      return false;
    }
  }
}
