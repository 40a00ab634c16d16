package io.rebound.remediation;

import io.rebound.connector.ActionResult;
import io.rebound.connector.ConnectorException;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records what the platform answered to one attempt and moves the plan on: a health check to wait
 * for, the step done, a retry, a fallback, or an escalation when a breaker opened. Runs inside the
 * attempt's transaction.
 */
@Component
class AttemptResults {

  private final PlanStore store;
  private final PlanExecutor plans;
  private final StepTasks tasks;
  private final Breakers breakers;
  private final AttemptGuards guards;
  private final IncidentGateway incidents;
  private final RemediationProperties properties;

  AttemptResults(
      PlanStore store,
      PlanExecutor plans,
      StepTasks tasks,
      Breakers breakers,
      AttemptGuards guards,
      IncidentGateway incidents,
      RemediationProperties properties) {
    this.store = store;
    this.plans = plans;
    this.tasks = tasks;
    this.breakers = breakers;
    this.guards = guards;
    this.incidents = incidents;
    this.properties = properties;
  }

  void performed(
      AttemptRunner.Prepared prepared,
      Rows.Attempt claimed,
      ActionResult result,
      boolean reconciled) {
    Rows.Plan plan = prepared.plan();
    Rows.Step step = prepared.step();
    breakers.recordSuccess(prepared.where().platformBreaker());
    Instant now = Instant.now();
    Rows.Attempt performed =
        claimed.perform(
            now,
            now.plusSeconds(Math.max(1, step.timeoutSeconds())),
            result.reference(),
            result.status().name(),
            result.data(),
            result.detail());
    if (!store.moveAttempt(claimed, performed)) {
      return; // another run of this attempt recorded it first
    }
    if (plan.snapshotJson() == null) {
      prepared
          .handler()
          .undoData(step, result)
          .ifPresent(
              undo -> store.saveSnapshot(plan.id(), Json.write(withAction(step.action(), undo))));
    }
    incidents.audit(
        plan.incidentId(),
        reconciled ? "attempt.reconciled" : "attempt.performed",
        Audit.details(
            "step", step.stepNo(),
            "action", step.action(),
            "attempt", claimed.attemptNo(),
            "result", result.status().name(),
            "reference", result.reference(),
            "detail", result.detail()));
    if (step.verifiesHealth()) {
      Instant firstPoll =
          AttemptRunner.min(now.plus(properties.healthPollInterval()), performed.deadline());
      tasks.healthCheck(plan.id(), step.stepNo(), claimed.attemptNo(), 1, firstPoll);
      return;
    }
    store.moveAttempt(performed, performed.succeed("no health check configured"));
    breakers.recordSuccess(prepared.where().actionBreaker());
    plans.stepSucceeded(plan, step, step.action() + " was accepted (" + result.status() + ")");
  }

  void failed(AttemptRunner.Prepared prepared, Rows.Attempt claimed, RuntimeException thrown) {
    Rows.Plan plan = prepared.plan();
    Rows.Step step = prepared.step();
    ConnectorException e =
        thrown instanceof ConnectorException c
            ? c
            : new ConnectorException(
                prepared.where().platform(), Audit.describe(thrown), true, null, null, thrown);
    String what = Audit.describe(e);
    Integer retryAfter = e.retryAfterSeconds();
    boolean freeRetry =
        retryAfter != null
            && store.throttledAttempts(plan.id(), step.stepNo()) < properties.maxThrottledRetries();
    Rows.Attempt ended = freeRetry ? claimed.throttle(what) : claimed.fail(what);
    if (!store.moveAttempt(claimed, ended)) {
      return;
    }
    incidents.audit(
        plan.incidentId(),
        freeRetry ? "attempt.throttled" : "attempt.failed",
        Audit.details(
            "step", step.stepNo(),
            "action", step.action(),
            "attempt", claimed.attemptNo(),
            "httpStatus", e.httpStatus(),
            "retryAfterSeconds", retryAfter,
            "retryable", e.retryable(),
            "why", what));
    boolean platformOpened = breakers.recordFailure(prepared.where().platformBreaker(), 0, e, what);
    boolean actionOpened =
        breakers.recordFailure(prepared.where().actionBreaker(), step.breakerThreshold(), e, what);
    if (platformOpened || actionOpened) {
      breakerOpened(
          plan,
          platformOpened ? prepared.where().platformBreaker() : prepared.where().actionBreaker(),
          platformOpened ? 0 : step.breakerThreshold(),
          what);
    } else if (freeRetry) {
      plans.attemptThrottled(plan, step, claimed.attemptNo(), retryAfter);
    } else if (!e.retryable()) {
      plans.stepFailed(plan, step, what + " (not retryable)");
    } else {
      plans.attemptFailed(plan, step, claimed.attemptNo(), what);
    }
  }

  /** A health check failed or timed out: the attempt failed and counts against its breaker. */
  void healthFailed(Rows.Plan plan, Rows.Step step, Rows.Attempt performed, String why) {
    if (!store.moveAttempt(performed, performed.fail(why))) {
      return;
    }
    incidents.audit(
        plan.incidentId(),
        "attempt.failed",
        Audit.details("step", step.stepNo(), "attempt", performed.attemptNo(), "why", why));
    String breaker = actionBreakerOf(step);
    if (breakers.recordFailure(
        breaker, step.breakerThreshold(), new IllegalStateException(why), why)) {
      breakerOpened(plan, breaker, step.breakerThreshold(), why);
      return;
    }
    plans.attemptFailed(plan, step, performed.attemptNo(), why);
  }

  /** A health check passed: the attempt and its step succeeded. */
  void healthPassed(Rows.Plan plan, Rows.Step step, Rows.Attempt performed, String detail) {
    if (!store.moveAttempt(performed, performed.succeed(detail))) {
      return;
    }
    breakers.recordSuccess(actionBreakerOf(step));
    plans.stepSucceeded(
        plan,
        step,
        "%s succeeded and the %s health check passed".formatted(step.action(), step.healthCheck()));
  }

  private String actionBreakerOf(Rows.Step step) {
    return guards.locate(step).orElseThrow().actionBreaker();
  }

  private void breakerOpened(Rows.Plan plan, String name, int policyThreshold, String why) {
    int threshold = breakers.config(name, policyThreshold).getMinimumNumberOfCalls();
    incidents.audit(
        plan.incidentId(),
        "breaker.opened",
        Audit.details("breaker", name, "failures", threshold, "lastFailure", why));
    plans.escalate(
        plan,
        PlanStatus.RUNNING,
        "Circuit breaker %s opened after %d failures in a row (last: %s); Rebound stopped acting"
            .formatted(name, threshold, why));
  }

  private static Map<String, Object> withAction(String action, Map<String, Object> undo) {
    Map<String, Object> snapshot = new java.util.LinkedHashMap<>(undo);
    snapshot.put("action", action);
    return snapshot;
  }
}
