package io.rebound.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The rows remediation keeps, as read from its tables. */
final class Rows {

  private Rows() {}

  record Plan(
      UUID id,
      UUID incidentId,
      PlanStatus status,
      Mode mode,
      String requestedBy,
      String environment,
      String source,
      String errorType,
      String severity,
      String resourceLabel,
      String outcomeReason,
      String snapshotJson,
      Instant createdAt,
      Instant updatedAt) {}

  record Step(
      UUID planId,
      int stepNo,
      int stageNo,
      String kind,
      String playbook,
      String action,
      int maxAttempts,
      List<Integer> backoffSeconds,
      int timeoutSeconds,
      String healthCheck,
      int breakerThreshold,
      Map<String, String> target,
      Map<String, String> parameters,
      String status,
      boolean needsApproval) {

    boolean escalates() {
      return StepSpec.ESCALATE.equals(action);
    }

    boolean verifiesHealth() {
      return !StepSpec.NO_HEALTH_CHECK.equals(healthCheck);
    }
  }

  record Attempt(
      UUID id,
      UUID planId,
      int stepNo,
      int attemptNo,
      String status,
      boolean countsAsRetry,
      String idempotencyKey,
      String resourceKey,
      Instant startedAt,
      Instant performedAt,
      Instant finishedAt,
      Instant deadline,
      String reference,
      Map<String, String> resultData,
      String resultStatus,
      String detail) {}

  record Approval(
      UUID id,
      UUID planId,
      int stepNo,
      UUID incidentId,
      String status,
      String requestedBy,
      Instant requestedAt,
      Instant expiresAt,
      String summary,
      String decidedBy,
      Instant decidedAt,
      String reason) {}
}
