package io.rebound.remediation;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Approving or rejecting a parked plan. Who decided and why go to the audit trail. */
@Service
class ApprovalService {

  private final PlanStore store;
  private final PlanExecutor executor;
  private final IncidentGateway incidents;
  private final TransactionTemplate tx;

  ApprovalService(
      PlanStore store,
      PlanExecutor executor,
      IncidentGateway incidents,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.executor = executor;
    this.incidents = incidents;
    this.tx = new TransactionTemplate(transactions);
  }

  List<Rows.Approval> list(ApprovalStatus status) {
    return store.approvals(status);
  }

  Rows.Approval approve(UUID approvalId, String approver, String reason) {
    return tx.execute(
        s -> {
          Rows.Approval approval = pending(approvalId);
          if (approval.requestedBy().equals(approver)) {
            throw new RemediationApiException(
                403,
                "own-request",
                "You requested this remediation, so another approver must approve it");
          }
          decide(approval, ApprovalStatus.APPROVED, approver, reason);
          Rows.Plan plan = store.plan(approval.planId()).orElseThrow();
          if (!store.movePlan(plan.id(), PlanStatus.AWAITING_APPROVAL, PlanStatus.RUNNING, null)) {
            throw conflict(approvalId, "its plan is no longer waiting");
          }
          incidents.audit(
              approval.incidentId(),
              approver,
              "approval.granted",
              Audit.details("approval", approvalId.toString(), "by", approver, "reason", reason));
          executor.startStep(plan.id(), approval.stepNo());
          return store.approval(approvalId).orElseThrow();
        });
  }

  Rows.Approval reject(UUID approvalId, String approver, String reason) {
    return tx.execute(
        s -> {
          Rows.Approval approval = pending(approvalId);
          decide(approval, ApprovalStatus.REJECTED, approver, reason);
          incidents.audit(
              approval.incidentId(),
              approver,
              "approval.rejected",
              Audit.details("approval", approvalId.toString(), "by", approver, "reason", reason));
          Rows.Plan plan = store.plan(approval.planId()).orElseThrow();
          executor.escalate(
              plan,
              PlanStatus.AWAITING_APPROVAL,
              "Remediation rejected by %s: %s".formatted(approver, reason));
          return store.approval(approvalId).orElseThrow();
        });
  }

  private Rows.Approval pending(UUID approvalId) {
    Rows.Approval approval =
        store
            .approval(approvalId)
            .orElseThrow(
                () ->
                    new RemediationApiException(
                        404, "approval-not-found", "No approval with id " + approvalId));
    if (approval.status() != ApprovalStatus.PENDING) {
      throw conflict(approvalId, "it is already " + approval.status().name().toLowerCase());
    }
    return approval;
  }

  private void decide(Rows.Approval approval, ApprovalStatus outcome, String by, String reason) {
    if (!store.decideApproval(approval, approval.decide(outcome, by, reason))) {
      throw conflict(approval.id(), "someone else decided it or it expired a moment ago");
    }
  }

  private static RemediationApiException conflict(UUID approvalId, String why) {
    return new RemediationApiException(
        409, "approval-not-pending", "Approval " + approvalId + " cannot be decided: " + why);
  }
}
