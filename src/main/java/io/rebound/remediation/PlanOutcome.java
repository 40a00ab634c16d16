package io.rebound.remediation;

import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.Connectors;
import io.rebound.failure.Action;
import io.rebound.notify.IncidentNotice;
import io.rebound.notify.IncidentNotifier;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A finished plan: undo what must not outlive it (a scale-up), apply the outcome to the incident,
 * notify. Runs at least once per plan (a scheduled task), so each part tolerates a repeat.
 */
@Component
class PlanOutcome {

  private final PlanStore store;
  private final ActionHandlers handlers;
  private final Connectors connectors;
  private final IncidentGateway incidents;
  private final IncidentNotifier notifier;

  PlanOutcome(
      PlanStore store,
      ActionHandlers handlers,
      Connectors connectors,
      IncidentGateway incidents,
      IncidentNotifier notifier) {
    this.store = store;
    this.handlers = handlers;
    this.connectors = connectors;
    this.incidents = incidents;
    this.notifier = notifier;
  }

  void finish(UUID planId) {
    Rows.Plan plan = store.plan(planId).orElse(null);
    if (plan == null || !plan.status().isFinal()) {
      return;
    }
    if (plan.snapshotJson() != null) {
      undo(plan);
    }
    boolean resolved = plan.status() == PlanStatus.RESOLVED;
    if (resolved) {
      incidents.markResolved(plan.incidentId(), plan.outcomeReason());
    } else {
      incidents.markEscalated(plan.incidentId(), plan.outcomeReason());
    }
    notifier.send(
        new IncidentNotice(
            plan.incidentId(),
            resolved ? IncidentNotice.Outcome.RESOLVED : IncidentNotice.Outcome.ESCALATED,
            plan.outcomeReason(),
            plan.errorType(),
            plan.severity(),
            plan.environment(),
            plan.source(),
            plan.resourceLabel(),
            Instant.now()));
  }

  private void undo(Rows.Plan plan) {
    Map<String, Object> snapshot = Json.objectMap(plan.snapshotJson());
    // plans from before handlers named their action in the snapshot only ever scaled
    String action = String.valueOf(snapshot.getOrDefault("action", Action.SCALE_CLUSTER.id()));
    ActionRequest undo =
        handlers.of(action).flatMap(h -> h.undo(plan.id().toString(), snapshot)).orElse(null);
    if (undo == null) {
      return;
    }
    try {
      ActionResult result = connectors.perform(undo);
      incidents.audit(
          plan.incidentId(),
          "scale.restored",
          Audit.details(
              "target", undo.target(), "size", undo.parameters(), "detail", result.detail()));
    } catch (RuntimeException e) {
      incidents.audit(
          plan.incidentId(),
          "scale.restore-failed",
          Audit.details(
              "target", undo.target(), "size", undo.parameters(), "why", Audit.describe(e)));
    }
  }
}
