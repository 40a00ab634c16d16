package io.rebound.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Moves a plan through its steps: an attempt failed (retry after the backoff, or fall back, or
 * escalate), a step succeeded (skip its fallbacks, chain to the next playbook, or resolve), an
 * approval expired. The work of one attempt is {@link AttemptRunner}'s, a health check poll {@link
 * HealthPoller}'s, a finished plan {@link PlanOutcome}'s. Every method runs inside the caller's
 * transaction, so a plan's state and its next scheduled task commit together.
 */
@Component
class PlanExecutor {

  private final PlanStore store;
  private final StepTasks tasks;
  private final ApprovalGate gate;
  private final IncidentGateway incidents;
  private final RemediationProperties properties;

  PlanExecutor(
      PlanStore store,
      StepTasks tasks,
      ApprovalGate gate,
      IncidentGateway incidents,
      RemediationProperties properties) {
    this.store = store;
    this.tasks = tasks;
    this.gate = gate;
    this.incidents = incidents;
    this.properties = properties;
  }

  /**
   * Starts a step of a running plan: its first attempt after the step's first backoff wait (none
   * for a fallback).
   */
  void startStep(UUID planId, int stepNo) {
    List<Integer> backoff =
        store.step(planId, stepNo).map(Rows.Step::backoffSeconds).orElse(List.of());
    tasks.attempt(planId, stepNo, 1, Instant.now().plus(RetrySchedule.waitBefore(1, backoff)));
  }

  /** An attempt that counts failed: another one after the backoff, or the step failed. */
  void attemptFailed(Rows.Plan plan, Rows.Step step, int attemptNo, String why) {
    int counted = store.countedAttempts(plan.id(), step.stepNo());
    if (counted >= step.maxAttempts()) {
      stepFailed(
          plan, step, "%s failed %d time(s); last: %s".formatted(step.action(), counted, why));
      return;
    }
    Duration wait = RetrySchedule.waitBefore(counted + 1, step.backoffSeconds());
    Instant at = Instant.now().plus(wait);
    tasks.attempt(plan.id(), step.stepNo(), attemptNo + 1, at);
    incidents.audit(
        plan.incidentId(),
        "retry.scheduled",
        Audit.details(
            "step", step.stepNo(),
            "attempt", attemptNo + 1,
            "retry", counted,
            "waitSeconds", wait.toSeconds(),
            "at", at.toString()));
  }

  /** The platform asked to come back later: the same step again then, not counted as a retry. */
  void attemptThrottled(Rows.Plan plan, Rows.Step step, int attemptNo, int afterSeconds) {
    Instant at = Instant.now().plusSeconds(Math.max(0, afterSeconds));
    tasks.attempt(plan.id(), step.stepNo(), attemptNo + 1, at);
    incidents.audit(
        plan.incidentId(),
        "retry.scheduled",
        Audit.details(
            "step",
            step.stepNo(),
            "attempt",
            attemptNo + 1,
            "at",
            at.toString(),
            "why",
            "the platform asked to retry after " + afterSeconds + " s"));
  }

  /** The step is over without success: its fallback next, or the plan escalates. */
  void stepFailed(Rows.Plan plan, Rows.Step step, String why) {
    store.moveStep(step, step.fail());
    Optional<Rows.Step> fallback =
        store.step(plan.id(), step.stepNo() + 1).filter(next -> next.stageNo() == step.stageNo());
    if (fallback.isEmpty()) {
      escalate(
          plan,
          PlanStatus.RUNNING,
          "Every action of the %s playbook failed; last: %s".formatted(step.playbook(), why));
      return;
    }
    Rows.Step next = fallback.get();
    incidents.audit(
        plan.incidentId(),
        "fallback.started",
        Audit.details("step", next.stepNo(), "action", next.action(), "after", why));
    startOrPark(plan, next, "after " + why);
  }

  /** The step worked: its fallbacks are skipped, then the chained playbook or the plan resolves. */
  void stepSucceeded(Rows.Plan plan, Rows.Step step, String what) {
    store.moveStep(step, step.succeed());
    List<Rows.Step> later =
        store.steps(plan.id()).stream().filter(s -> s.stepNo() > step.stepNo()).toList();
    later.stream()
        .filter(s -> s.stageNo() == step.stageNo() && s.status() == StepStatus.PENDING)
        .forEach(s -> store.moveStep(s, s.skip()));
    Optional<Rows.Step> chained =
        later.stream().filter(s -> s.stageNo() > step.stageNo()).findFirst();
    if (chained.isEmpty()) {
      resolve(plan, what);
      return;
    }
    Rows.Step next = chained.get();
    incidents.audit(
        plan.incidentId(),
        "chain.started",
        Audit.details("playbook", next.playbook(), "action", next.action(), "after", what));
    startOrPark(plan, next, "after " + what);
  }

  /**
   * Runs the next step, or, in auto mode when the policy gates its action, parks the plan until an
   * approver says yes (the first step's gate is checked when the plan is made).
   */
  private void startOrPark(Rows.Plan plan, Rows.Step next, String context) {
    if (plan.mode() == Mode.AUTO && next.needsApproval() && !next.escalates()) {
      if (store.movePlan(plan.id(), PlanStatus.RUNNING, PlanStatus.AWAITING_APPROVAL, null)) {
        String on = ActionCatalog.resourceOf(next.action(), next.target()).key();
        gate.park(
            plan.id(),
            plan.incidentId(),
            next.stepNo(),
            plan.requestedBy(),
            "the policy requires approval for " + next.action(),
            next.action() + " on " + on + " (" + context + ")");
      }
      return;
    }
    startStep(plan.id(), next.stepNo());
  }

  void resolve(Rows.Plan plan, String reason) {
    if (store.movePlan(plan.id(), PlanStatus.RUNNING, PlanStatus.RESOLVED, reason)) {
      tasks.outcome(plan.id());
    }
  }

  /** Ends the plan as escalated; the incident and the notification follow in the outcome task. */
  void escalate(Rows.Plan plan, PlanStatus from, String reason) {
    if (store.movePlan(plan.id(), from, PlanStatus.ESCALATED, reason)) {
      tasks.outcome(plan.id());
    }
  }

  /** Escalates a plan that is not finished yet, whatever it is waiting for. */
  void escalateUnfinished(UUID planId, String reason) {
    store
        .plan(planId)
        .filter(plan -> !plan.status().isFinal())
        .ifPresent(plan -> escalate(plan, plan.status(), reason));
  }

  void expireApproval(UUID approvalId) {
    Rows.Approval approval = store.approval(approvalId).orElse(null);
    if (approval == null || approval.status() != ApprovalStatus.PENDING) {
      return;
    }
    String why =
        "No approver answered within %s; the plan was not executed"
            .formatted(Audit.human(properties.approvalExpiry()));
    Rows.Approval expired = approval.decide(ApprovalStatus.EXPIRED, IncidentGateway.ACTOR, why);
    if (store.decideApproval(approval, expired)) {
      incidents.audit(
          approval.incidentId(),
          "approval.expired",
          Audit.details("approval", approvalId.toString(), "why", why));
      store
          .plan(approval.planId())
          .ifPresent(plan -> escalate(plan, PlanStatus.AWAITING_APPROVAL, why));
    }
  }

  /** Kept for the plan starter: an ordered map of audit details, nulls left out. */
  static Map<String, Object> details(Object... keysAndValues) {
    return Audit.details(keysAndValues);
  }
}
