package io.rebound.remediation;

import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.Connectors;
import io.rebound.connector.HealthCheckResult;
import io.rebound.failure.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Rebound does for one action: the call it makes, the health check that proves it worked, what
 * it undoes when the plan ends, and what it does with an attempt a crash left unknown.
 *
 * <p>The default suits every action whose connector reads the platform before acting (a cluster's
 * state, a job run's idempotency token, a pipeline's recovery runs, a workflow run's attempts):
 * asking again with the same idempotency key either finds the first call's work or does it now,
 * never twice. An action that cannot be checked that way says so in {@link #whyNotRepeatable}.
 */
class ActionHandler {

  private final Action action;
  private final Connectors connectors;

  ActionHandler(Action action, Connectors connectors) {
    this.action = action;
    this.connectors = connectors;
  }

  final Action action() {
    return action;
  }

  /** The request of one attempt: the step's target and parameters, and the attempt. */
  ActionRequest request(Rows.Step step, Rows.Attempt attempt) {
    Map<String, String> parameters = new LinkedHashMap<>(step.parameters());
    parameters.put("attempt", Integer.toString(attempt.attemptNo()));
    return new ActionRequest(step.action(), step.target(), parameters, attempt.idempotencyKey());
  }

  final ActionResult perform(ActionRequest request) {
    return connectors.perform(request);
  }

  /** Polls the step's health check for the attempt's recorded result. */
  final HealthCheckResult checkHealth(Rows.Step step, Rows.Attempt attempt) {
    ActionResult result =
        new ActionResult(
            attempt.resultStatus() == null
                ? ActionResult.Status.DONE
                : ActionResult.Status.valueOf(attempt.resultStatus()),
            attempt.reference(),
            attempt.detail(),
            attempt.resultData());
    return connectors.checkHealth(step.healthCheck(), request(step, attempt), result);
  }

  /**
   * Why an attempt whose outcome is unknown (claimed, then the instance died) must not be asked
   * again; empty when asking again with the same idempotency key is safe.
   */
  Optional<String> whyNotRepeatable(Rows.Step step) {
    return Optional.empty();
  }

  /** What must be remembered to undo this action when the plan ends; empty: nothing to undo. */
  Optional<Map<String, Object>> undoData(Rows.Step step, ActionResult result) {
    return Optional.empty();
  }

  /** The call that undoes this action, from what {@link #undoData} remembered. */
  Optional<ActionRequest> undo(String planId, Map<String, Object> data) {
    return Optional.empty();
  }
}
