package io.rebound.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows remediation keeps, as read from its tables. State changes are methods that answer the
 * changed row and throw on an illegal move; {@link PlanStore} saves a change only if the row is
 * still in the state it was read in, so two instances never both make the same move.
 */
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
      StepStatus status,
      boolean needsApproval) {

    boolean escalates() {
      return StepSpec.ESCALATE.equals(action);
    }

    boolean verifiesHealth() {
      return !StepSpec.NO_HEALTH_CHECK.equals(healthCheck);
    }

    Step start() {
      return with(status.moveTo(StepStatus.RUNNING));
    }

    Step succeed() {
      return with(status.moveTo(StepStatus.SUCCEEDED));
    }

    Step fail() {
      return with(status.moveTo(StepStatus.FAILED));
    }

    Step skip() {
      return with(status.moveTo(StepStatus.SKIPPED));
    }

    private Step with(StepStatus next) {
      return new Step(
          planId,
          stepNo,
          stageNo,
          kind,
          playbook,
          action,
          maxAttempts,
          backoffSeconds,
          timeoutSeconds,
          healthCheck,
          breakerThreshold,
          target,
          parameters,
          next,
          needsApproval);
    }
  }

  record Attempt(
      UUID id,
      UUID planId,
      int stepNo,
      int attemptNo,
      AttemptStatus status,
      String idempotencyKey,
      String resourceKey,
      Instant startedAt,
      Instant performedAt,
      Instant finishedAt,
      Instant deadline,
      String reference,
      Map<String, String> resultData,
      String resultStatus,
      String detail) {

    /** A new attempt, claimed before the platform is called. */
    static Attempt claim(UUID planId, int stepNo, int attemptNo, String key, String resourceKey) {
      return new Attempt(
          UUID.randomUUID(),
          planId,
          stepNo,
          attemptNo,
          AttemptStatus.CLAIMED,
          key,
          resourceKey,
          Instant.now(),
          null,
          null,
          null,
          null,
          Map.of(),
          null,
          null);
    }

    boolean countsAsAttempt() {
      return status.countsAsAttempt();
    }

    /** The platform accepted the action; its health check must pass by {@code deadline}. */
    Attempt perform(
        Instant at,
        Instant deadline,
        String reference,
        String resultStatus,
        Map<String, String> data,
        String detail) {
      return new Attempt(
          id,
          planId,
          stepNo,
          attemptNo,
          status.moveTo(AttemptStatus.PERFORMED),
          idempotencyKey,
          resourceKey,
          startedAt,
          at,
          null,
          deadline,
          reference,
          Map.copyOf(data),
          resultStatus,
          detail);
    }

    Attempt succeed(String why) {
      return finish(AttemptStatus.SUCCEEDED, why);
    }

    Attempt fail(String why) {
      return finish(AttemptStatus.FAILED, why);
    }

    Attempt throttle(String why) {
      return finish(AttemptStatus.THROTTLED, why);
    }

    private Attempt finish(AttemptStatus next, String why) {
      return new Attempt(
          id,
          planId,
          stepNo,
          attemptNo,
          status.moveTo(next),
          idempotencyKey,
          resourceKey,
          startedAt,
          performedAt,
          Instant.now(),
          deadline,
          reference,
          resultData,
          resultStatus,
          why);
    }
  }

  record Approval(
      UUID id,
      UUID planId,
      int stepNo,
      UUID incidentId,
      ApprovalStatus status,
      String requestedBy,
      Instant requestedAt,
      Instant expiresAt,
      String summary,
      String decidedBy,
      Instant decidedAt,
      String reason) {

    Approval decide(ApprovalStatus outcome, String by, String why) {
      return new Approval(
          id,
          planId,
          stepNo,
          incidentId,
          status.moveTo(outcome),
          requestedBy,
          requestedAt,
          expiresAt,
          summary,
          by,
          Instant.now(),
          why);
    }
  }
}
