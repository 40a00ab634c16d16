package io.rebound.remediation;

import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.ConnectorException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of a step: guard, claim, call, record. The claim (a unique attempt row) commits
 * before the platform is called, so a re-delivered task or a second instance never calls twice.
 *
 * <p>An attempt found CLAIMED when its task runs is one whose outcome is unknown: the instance that
 * claimed it died during the call. It is reconciled, never skipped: its action's handler asks the
 * platform again with the same idempotency key (the connector reads the cluster's state, the run
 * for that token, the pipeline's recovery runs first, so work already done is found, not doubled),
 * or, for an action that cannot be checked that way, the plan escalates with the reason.
 */
@Component
class AttemptRunner {

  private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

  private final PlanStore store;
  private final PlanExecutor plans;
  private final AttemptGuards guards;
  private final AttemptResults results;
  private final ActionHandlers handlers;
  private final IncidentGateway incidents;
  private final TransactionTemplate tx;

  AttemptRunner(
      PlanStore store,
      PlanExecutor plans,
      AttemptGuards guards,
      AttemptResults results,
      ActionHandlers handlers,
      IncidentGateway incidents,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.plans = plans;
    this.guards = guards;
    this.results = results;
    this.handlers = handlers;
    this.incidents = incidents;
    this.tx = new TransactionTemplate(transactions);
  }

  /** What one attempt acts with, once its guards let it through. */
  record Prepared(
      Rows.Plan plan,
      Rows.Step step,
      ActionHandler handler,
      AttemptGuards.Cleared where,
      Rows.Attempt claimed) {}

  void run(StepTasks.Key key) {
    Rows.Attempt found = store.attempt(key.planId(), key.stepNo(), key.attemptNo()).orElse(null);
    if (found != null && found.status() != AttemptStatus.CLAIMED) {
      log.info("Attempt {} already {}; nothing to do", key, found.status());
      return;
    }
    Prepared prepared = tx.execute(s -> prepare(key, found));
    if (prepared == null) {
      return;
    }
    Rows.Attempt attempt = prepared.claimed() != null ? prepared.claimed() : claim(key, prepared);
    if (attempt == null) {
      log.info("Attempt {} was claimed a moment ago by another run; leaving it to that run", key);
      return;
    }
    Rows.Plan plan = prepared.plan();
    Rows.Step step = prepared.step();
    boolean reconciling = prepared.claimed() != null;
    if (key.stepNo() == 0 && key.attemptNo() == 1) {
      incidents.markRemediating(
          plan.incidentId(),
          "Rebound started " + step.action() + " on " + prepared.where().resourceKey());
    }
    ActionRequest request = prepared.handler().request(step, attempt);
    incidents.audit(
        plan.incidentId(),
        reconciling ? "attempt.reconciling" : "attempt.started",
        Audit.details(
            "step", step.stepNo(),
            "action", step.action(),
            "attempt", key.attemptNo(),
            "idempotencyKey", attempt.idempotencyKey(),
            "target", step.target(),
            "why",
                reconciling
                    ? "the attempt was claimed before a restart and its outcome is unknown;"
                        + " asking the platform with the same idempotency key"
                    : null));
    log.info(
        "Incident {}: {} {} on {} (step {}, attempt {})",
        plan.incidentId(),
        reconciling ? "checking" : "running",
        step.action(),
        prepared.where().resourceKey(),
        step.stepNo(),
        key.attemptNo());
    ActionResult result;
    try {
      result = prepared.handler().perform(request);
    } catch (RuntimeException e) {
      if (!(e instanceof ConnectorException)) {
        log.warn("Action {} of plan {} failed unexpectedly", step.action(), plan.id(), e);
      }
      tx.executeWithoutResult(s -> results.failed(prepared, attempt, e));
      return;
    }
    tx.executeWithoutResult(s -> results.performed(prepared, attempt, result, reconciling));
  }

  private Prepared prepare(StepTasks.Key key, Rows.Attempt found) {
    Rows.Plan plan = store.plan(key.planId()).orElse(null);
    if (plan == null || plan.status() != PlanStatus.RUNNING) {
      return null;
    }
    Rows.Step step = store.step(key.planId(), key.stepNo()).orElseThrow();
    if (step.escalates()) {
      plans.escalate(
          plan,
          PlanStatus.RUNNING,
          "The " + step.playbook() + " playbook escalates to a human after its actions failed");
      return null;
    }
    Optional<ActionHandler> handler = handlers.of(step.action());
    Optional<AttemptGuards.Cleared> where = guards.locate(step);
    if (handler.isEmpty() || where.isEmpty()) {
      plans.escalate(
          plan, PlanStatus.RUNNING, "Rebound has no connector for the action " + step.action());
      return null;
    }
    if (found != null) {
      Optional<String> notRepeatable = handler.get().whyNotRepeatable(step);
      if (notRepeatable.isPresent()) {
        store.moveAttempt(found, found.fail(notRepeatable.get()));
        incidents.audit(
            plan.incidentId(),
            "attempt.reconciled",
            Audit.details(
                "step", step.stepNo(),
                "attempt", found.attemptNo(),
                "outcome", "escalated",
                "why", notRepeatable.get()));
        plans.escalate(plan, PlanStatus.RUNNING, notRepeatable.get());
        return null;
      }
    }
    Optional<AttemptGuards.Refused> refused = guards.refusal(step, where.get(), found != null);
    if (refused.isPresent()) {
      AttemptGuards.Refused why = refused.get();
      if (why.event() != null) {
        incidents.audit(
            plan.incidentId(), why.event(), Audit.details("on", why.subject(), "why", why.why()));
      }
      plans.escalate(plan, PlanStatus.RUNNING, why.why());
      return null;
    }
    Rows.Step current = step;
    if (step.status() == StepStatus.PENDING) {
      current = step.start();
      store.moveStep(step, current);
    }
    return new Prepared(plan, current, handler.get(), where.get(), found);
  }

  private Rows.Attempt claim(StepTasks.Key key, Prepared prepared) {
    Rows.Attempt attempt =
        Rows.Attempt.claim(
            key.planId(),
            key.stepNo(),
            key.attemptNo(),
            idempotencyKey(key),
            prepared.where().resourceKey());
    try {
      tx.executeWithoutResult(s -> store.insertAttempt(attempt));
      return attempt;
    } catch (DuplicateKeyException alreadyClaimed) {
      return null;
    }
  }

  /** Stable per attempt and at most 64 characters: "rebound-<plan uuid>-<step>-<attempt>". */
  static String idempotencyKey(StepTasks.Key key) {
    return "rebound-" + key.planId() + "-" + key.stepNo() + "-" + key.attemptNo();
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
