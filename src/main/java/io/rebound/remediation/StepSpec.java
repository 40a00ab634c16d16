package io.rebound.remediation;

import io.rebound.failure.Action;
import java.util.List;
import java.util.Map;

/**
 * One step of a plan as it is written down when the plan is made.
 *
 * @param stageNo 0 for the decided playbook, 1 for the playbook it chains to, and so on
 * @param kind PRIMARY (the playbook's action with its retries) or FALLBACK (one attempt)
 * @param playbook the error type whose playbook this step comes from
 * @param maxAttempts attempts this step may make: the playbook's maxRetries for the primary
 * @param backoffSeconds waits before attempt 1, 2, ... (see {@link RetrySchedule})
 * @param healthCheck which check proves the action worked; "none" when the playbook does not verify
 *     health
 * @param needsApproval the policy's approval gates name this action (auto mode parks before it)
 */
record StepSpec(
    int stageNo,
    StepKind kind,
    String playbook,
    String action,
    int maxAttempts,
    List<Integer> backoffSeconds,
    int timeoutSeconds,
    String healthCheck,
    int breakerThreshold,
    Map<String, String> target,
    Map<String, String> parameters,
    boolean needsApproval) {

  static final String NO_HEALTH_CHECK = "none";
  static final String ESCALATE = Action.ESCALATE.id();

  StepSpec {
    backoffSeconds = List.copyOf(backoffSeconds);
    target = Map.copyOf(target);
    parameters = Map.copyOf(parameters);
  }

  boolean escalates() {
    return ESCALATE.equals(action);
  }

  boolean verifiesHealth() {
    return !NO_HEALTH_CHECK.equals(healthCheck);
  }

  enum StepKind {
    PRIMARY,
    FALLBACK
  }
}
