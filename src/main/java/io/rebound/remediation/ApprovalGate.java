package io.rebound.remediation;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Parks a plan before a step a person must approve: an approval row, an expiry task and an audit
 * event. Runs inside the caller's transaction.
 */
@Component
class ApprovalGate {

  private final PlanStore store;
  private final StepTasks tasks;
  private final IncidentGateway incidents;
  private final RemediationProperties properties;

  ApprovalGate(
      PlanStore store,
      StepTasks tasks,
      IncidentGateway incidents,
      RemediationProperties properties) {
    this.store = store;
    this.tasks = tasks;
    this.incidents = incidents;
    this.properties = properties;
  }

  void park(
      UUID planId, UUID incidentId, int stepNo, String requestedBy, String why, String summary) {
    Instant now = Instant.now();
    UUID approvalId = UUID.randomUUID();
    Instant expiresAt = now.plus(properties.approvalExpiry());
    store.insertApproval(
        new Rows.Approval(
            approvalId,
            planId,
            stepNo,
            incidentId,
            ApprovalStatus.PENDING,
            requestedBy,
            now,
            expiresAt,
            summary,
            null,
            null,
            null));
    tasks.approvalExpiry(approvalId, expiresAt);
    incidents.audit(
        incidentId,
        "approval.requested",
        Audit.details(
            "approval", approvalId.toString(),
            "step", stepNo,
            "requestedBy", requestedBy,
            "why", why,
            "plan", summary,
            "expiresAt", expiresAt.toString()));
  }
}
