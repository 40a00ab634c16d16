package io.rebound.remediation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.ConnectorException;
import io.rebound.connector.Connectors;
import io.rebound.connector.HealthCheckResult;
import io.rebound.notify.IncidentNotice;
import io.rebound.notify.IncidentNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the scheduled work of plans: one attempt of a step, one health-check poll, an approval
 * expiry, a plan's outcome. Each run reads the plan's state from the database, so it does the same
 * thing whichever instance runs it and after any restart.
 *
 * <p>At most one action per attempt: the attempt row is inserted and committed before the platform
 * is called, and a second run of the same attempt (a re-delivered task, a second instance) fails to
 * insert it and stops. The platform also gets a stable idempotency key per attempt.
 */
@Component
class PlanExecutor {

  private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

  private final PlanStore store;
  private final StepTasks tasks;
  private final ApprovalGate gate;
  private final Connectors connectors;
  private final Breakers breakers;
  private final ActionBudget budget;
  private final KillSwitch killSwitch;
  private final IncidentGateway incidents;
  private final IncidentNotifier notifier;
  private final RemediationProperties properties;
  private final TransactionTemplate tx;

  PlanExecutor(
      PlanStore store,
      StepTasks tasks,
      ApprovalGate gate,
      Connectors connectors,
      Breakers breakers,
      ActionBudget budget,
      KillSwitch killSwitch,
      IncidentGateway incidents,
      IncidentNotifier notifier,
      RemediationProperties properties,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.tasks = tasks;
    this.gate = gate;
    this.connectors = connectors;
    this.breakers = breakers;
    this.budget = budget;
    this.killSwitch = killSwitch;
    this.incidents = incidents;
    this.notifier = notifier;
    this.properties = properties;
    this.tx = new TransactionTemplate(transactions);
  }

  // ---------------------------------------------------------------- one attempt of a step

  void runAttempt(StepTasks.Key key) {
    Prepared prepared = tx.execute(s -> prepare(key));
    if (prepared == null) {
      return;
    }
    Rows.Attempt attempt = claim(key, prepared);
    if (attempt == null) {
      prepared.releasePermissions();
      log.info("Attempt {} was claimed before; not performing it again", key);
      return;
    }
    Rows.Plan plan = prepared.plan;
    Rows.Step step = prepared.step;
    if (key.stepNo() == 0 && key.attemptNo() == 1) {
      incidents.markRemediating(
          plan.incidentId(), "Rebound started " + step.action() + " on " + prepared.resourceKey);
    }
    ActionRequest request = requestFor(step, attempt);
    incidents.audit(
        plan.incidentId(),
        "attempt.started",
        details(
            "step", step.stepNo(),
            "action", step.action(),
            "attempt", key.attemptNo(),
            "idempotencyKey", attempt.idempotencyKey(),
            "target", step.target()));
    ActionResult result;
    try {
      result = connectors.perform(request);
    } catch (ConnectorException e) {
      tx.executeWithoutResult(s -> actionFailed(prepared, attempt, e));
      return;
    } catch (RuntimeException e) {
      log.warn("Action {} of plan {} failed unexpectedly", step.action(), plan.id(), e);
      ConnectorException wrapped =
          new ConnectorException(
              prepared.platform, e.getClass().getSimpleName(), true, null, null, e);
      tx.executeWithoutResult(s -> actionFailed(prepared, attempt, wrapped));
      return;
    }
    Breakers.recordSuccess(prepared.platformBreaker);
    tx.executeWithoutResult(s -> actionPerformed(prepared, attempt, result));
  }

  private Prepared prepare(StepTasks.Key key) {
    Rows.Plan plan = store.plan(key.planId()).orElse(null);
    if (plan == null || plan.status() != PlanStatus.RUNNING) {
      return null;
    }
    Rows.Step step = store.step(key.planId(), key.stepNo()).orElseThrow();
    if (step.escalates()) {
      escalate(
          plan,
          PlanStatus.RUNNING,
          "The " + step.playbook() + " playbook escalates to a human after its actions failed");
      return null;
    }
    if (!killSwitch.allowsActions()) {
      escalate(plan, PlanStatus.RUNNING, killSwitch.whyOff() + "; nothing was executed");
      return null;
    }
    String platform;
    try {
      platform = connectors.platformOf(step.action());
    } catch (RuntimeException unknown) {
      escalate(
          plan, PlanStatus.RUNNING, "Rebound has no connector for the action " + step.action());
      return null;
    }
    ActionCatalog.Resource resource = ActionCatalog.resourceOf(step.action(), step.target());
    CircuitBreaker actionBreaker =
        breakers.actionBreaker(
            Breakers.actionBreakerName(platform, step.action(), resource.id()),
            step.breakerThreshold());
    CircuitBreaker platformBreaker = breakers.platformBreaker(platform);
    Prepared prepared =
        new Prepared(
            plan, step, platform, platform + ":" + resource.key(), actionBreaker, platformBreaker);
    for (CircuitBreaker breaker : List.of(platformBreaker, actionBreaker)) {
      if (!breaker.tryAcquirePermission()) {
        prepared.releasePermissions();
        incidents.audit(
            plan.incidentId(),
            "breaker.open",
            details("breaker", breaker.getName(), "state", breaker.getState().name()));
        escalate(
            plan,
            PlanStatus.RUNNING,
            "Circuit breaker %s is open after repeated failures; Rebound stopped acting"
                .formatted(breaker.getName()));
        return null;
      }
      prepared.acquired.add(breaker);
    }
    Optional<String> overBudget = budget.refusal(prepared.resourceKey, Instant.now());
    if (overBudget.isPresent()) {
      prepared.releasePermissions();
      incidents.audit(
          plan.incidentId(),
          "budget.exceeded",
          details("resource", prepared.resourceKey, "why", overBudget.get()));
      escalate(plan, PlanStatus.RUNNING, overBudget.get());
      return null;
    }
    if (key.attemptNo() == 1) {
      store.setStepStatus(plan.id(), step.stepNo(), "RUNNING");
    }
    return prepared;
  }

  private Rows.Attempt claim(StepTasks.Key key, Prepared prepared) {
    Rows.Attempt attempt =
        new Rows.Attempt(
            UUID.randomUUID(),
            key.planId(),
            key.stepNo(),
            key.attemptNo(),
            "CLAIMED",
            true,
            idempotencyKey(key.planId(), key.stepNo(), key.attemptNo()),
            prepared.resourceKey,
            Instant.now(),
            null,
            null,
            null,
            null,
            Map.of(),
            null,
            null);
    try {
      tx.executeWithoutResult(s -> store.insertAttempt(attempt));
      return attempt;
    } catch (DuplicateKeyException alreadyClaimed) {
      return null;
    }
  }

  /** Stable per attempt and at most 64 characters: "rebound-<plan uuid>-<step>-<attempt>". */
  static String idempotencyKey(UUID planId, int stepNo, int attemptNo) {
    return "rebound-" + planId + "-" + stepNo + "-" + attemptNo;
  }

  private void actionPerformed(Prepared prepared, Rows.Attempt attempt, ActionResult result) {
    Rows.Plan plan = prepared.plan;
    Rows.Step step = prepared.step;
    Instant now = Instant.now();
    Instant deadline = now.plusSeconds(Math.max(1, step.timeoutSeconds()));
    Map<String, Object> resultJson = new LinkedHashMap<>();
    resultJson.put("status", result.status().name());
    resultJson.put("data", result.data());
    store.markPerformed(
        attempt.id(), now, deadline, result.reference(), Json.write(resultJson), result.detail());
    if ("scale_cluster".equals(step.action())
        && !result.data().isEmpty()
        && plan.snapshotJson() == null) {
      // the cluster's size before Rebound scaled it: restored when the plan ends, however it ends
      store.saveSnapshot(
          plan.id(), Json.write(Map.of("target", step.target(), "data", result.data())));
    }
    incidents.audit(
        plan.incidentId(),
        "attempt.performed",
        details(
            "step", step.stepNo(),
            "action", step.action(),
            "attempt", attempt.attemptNo(),
            "result", result.status().name(),
            "reference", result.reference(),
            "detail", result.detail()));
    if (step.verifiesHealth()) {
      Instant firstPoll = min(now.plus(properties.healthPollInterval()), deadline);
      tasks.healthCheck(plan.id(), step.stepNo(), attempt.attemptNo(), 1, firstPoll);
    } else {
      store.finishAttempt(attempt.id(), "SUCCEEDED", true, "no health check configured");
      Breakers.recordSuccess(prepared.actionBreaker);
      stepSucceeded(plan, step, step.action() + " was accepted (" + result.status() + ")");
    }
  }

  private void actionFailed(Prepared prepared, Rows.Attempt attempt, ConnectorException e) {
    Rows.Plan plan = prepared.plan;
    Rows.Step step = prepared.step;
    boolean platformOpened = e.retryable() && Breakers.recordFailure(prepared.platformBreaker, e);
    if (!e.retryable()) {
      prepared.platformBreaker.releasePermission();
    }
    boolean actionOpened = Breakers.recordFailure(prepared.actionBreaker, e);
    String what = describe(e);
    boolean throttled = e.retryAfterSeconds() != null;
    boolean freeRetry =
        throttled
            && store.throttledAttempts(plan.id(), step.stepNo()) < properties.maxThrottledRetries();
    store.finishAttempt(attempt.id(), freeRetry ? "THROTTLED" : "FAILED", !freeRetry, what);
    incidents.audit(
        plan.incidentId(),
        freeRetry ? "attempt.throttled" : "attempt.failed",
        details(
            "step", step.stepNo(),
            "action", step.action(),
            "attempt", attempt.attemptNo(),
            "httpStatus", e.httpStatus(),
            "retryAfterSeconds", e.retryAfterSeconds(),
            "retryable", e.retryable(),
            "why", what));
    if (breakerOpened(plan, prepared, platformOpened, actionOpened, what)) {
      return;
    }
    if (freeRetry) {
      Instant at = Instant.now().plusSeconds(Math.max(0, e.retryAfterSeconds()));
      tasks.attempt(plan.id(), step.stepNo(), attempt.attemptNo() + 1, at);
      incidents.audit(
          plan.incidentId(),
          "retry.scheduled",
          details(
              "step",
              step.stepNo(),
              "attempt",
              attempt.attemptNo() + 1,
              "at",
              at.toString(),
              "why",
              "the platform asked to retry after " + e.retryAfterSeconds() + " s"));
    } else if (!e.retryable()) {
      stepFailed(plan, step, what + " (not retryable)");
    } else {
      retryOrFailStep(plan, step, attempt.attemptNo(), what);
    }
  }

  private boolean breakerOpened(
      Rows.Plan plan, Prepared prepared, boolean platformOpened, boolean actionOpened, String why) {
    CircuitBreaker opened =
        platformOpened ? prepared.platformBreaker : actionOpened ? prepared.actionBreaker : null;
    if (opened == null) {
      return false;
    }
    incidents.audit(
        plan.incidentId(),
        "breaker.opened",
        details(
            "breaker", opened.getName(),
            "failures", opened.getMetrics().getNumberOfFailedCalls(),
            "threshold", Breakers.threshold(opened),
            "lastFailure", why));
    escalate(
        plan,
        PlanStatus.RUNNING,
        "Circuit breaker %s opened after %d failures in a row (last: %s); Rebound stopped acting"
            .formatted(opened.getName(), Breakers.threshold(opened), why));
    return true;
  }

  // ---------------------------------------------------------------- health checks

  void pollHealth(StepTasks.Key key) {
    Rows.Plan plan = store.plan(key.planId()).orElse(null);
    if (plan == null || plan.status() != PlanStatus.RUNNING) {
      return;
    }
    Rows.Step step = store.step(key.planId(), key.stepNo()).orElseThrow();
    Rows.Attempt attempt = store.attempt(key.planId(), key.stepNo(), key.attemptNo()).orElse(null);
    if (attempt == null || !"PERFORMED".equals(attempt.status())) {
      return;
    }
    ActionRequest request = requestFor(step, attempt);
    ActionResult result =
        new ActionResult(
            attempt.resultStatus() == null
                ? ActionResult.Status.DONE
                : ActionResult.Status.valueOf(attempt.resultStatus()),
            attempt.reference(),
            attempt.detail(),
            attempt.resultData());
    HealthCheckResult health;
    try {
      health = connectors.checkHealth(step.healthCheck(), request, result);
    } catch (RuntimeException e) {
      // a failed poll says nothing about the resource: poll again until the deadline
      health =
          new HealthCheckResult(
              HealthCheckResult.Status.PENDING,
              "the health check call failed: "
                  + (e instanceof ConnectorException c
                      ? describe(c)
                      : e.getClass().getSimpleName()));
    }
    HealthCheckResult outcome = health;
    Instant now = Instant.now();
    String platform = connectors.platformOf(step.action());
    CircuitBreaker actionBreaker =
        breakers.actionBreaker(
            Breakers.actionBreakerName(
                platform,
                step.action(),
                ActionCatalog.resourceOf(step.action(), step.target()).id()),
            step.breakerThreshold());
    Map<String, Object> auditDetails =
        details(
            "step", step.stepNo(),
            "attempt", attempt.attemptNo(),
            "check", step.healthCheck(),
            "poll", key.pollNo(),
            "status", outcome.status().name(),
            "detail", outcome.detail());
    switch (outcome.status()) {
      case HEALTHY ->
          tx.executeWithoutResult(
              s -> {
                if (store.finishAttempt(attempt.id(), "SUCCEEDED", true, outcome.detail())) {
                  incidents.audit(plan.incidentId(), "healthcheck.passed", auditDetails);
                  Breakers.recordSuccess(actionBreaker);
                  stepSucceeded(
                      plan,
                      step,
                      "%s succeeded and the %s health check passed"
                          .formatted(step.action(), step.healthCheck()));
                }
              });
      case UNHEALTHY -> {
        incidents.audit(plan.incidentId(), "healthcheck.failed", auditDetails);
        healthFailed(
            plan,
            step,
            attempt,
            actionBreaker,
            "the %s health check failed: %s".formatted(step.healthCheck(), outcome.detail()));
      }
      case PENDING -> {
        if (now.isBefore(attempt.deadline())) {
          if (key.pollNo() == 1) {
            incidents.audit(plan.incidentId(), "healthcheck.pending", auditDetails);
          }
          Instant next = min(now.plus(properties.healthPollInterval()), attempt.deadline());
          tasks.healthCheck(plan.id(), step.stepNo(), attempt.attemptNo(), key.pollNo() + 1, next);
        } else {
          incidents.audit(plan.incidentId(), "healthcheck.timeout", auditDetails);
          healthFailed(
              plan,
              step,
              attempt,
              actionBreaker,
              "the %s health check did not pass within %d s (last: %s)"
                  .formatted(step.healthCheck(), step.timeoutSeconds(), outcome.detail()));
        }
      }
    }
  }

  private void healthFailed(
      Rows.Plan plan, Rows.Step step, Rows.Attempt attempt, CircuitBreaker breaker, String why) {
    tx.executeWithoutResult(
        s -> {
          if (!store.finishAttempt(attempt.id(), "FAILED", true, why)) {
            return;
          }
          incidents.audit(
              plan.incidentId(),
              "attempt.failed",
              details("step", step.stepNo(), "attempt", attempt.attemptNo(), "why", why));
          boolean opened = Breakers.recordFailure(breaker, new IllegalStateException(why));
          if (opened) {
            incidents.audit(
                plan.incidentId(),
                "breaker.opened",
                details(
                    "breaker", breaker.getName(),
                    "failures", breaker.getMetrics().getNumberOfFailedCalls(),
                    "threshold", Breakers.threshold(breaker),
                    "lastFailure", why));
            escalate(
                plan,
                PlanStatus.RUNNING,
                "Circuit breaker %s opened after %d failures in a row (last: %s); Rebound stopped acting"
                    .formatted(breaker.getName(), Breakers.threshold(breaker), why));
            return;
          }
          retryOrFailStep(plan, step, attempt.attemptNo(), why);
        });
  }

  // ---------------------------------------------------------------- moving through the plan

  private void retryOrFailStep(Rows.Plan plan, Rows.Step step, int attemptNo, String why) {
    int counted = store.countedAttempts(plan.id(), step.stepNo());
    if (counted < step.maxAttempts()) {
      Duration wait = RetrySchedule.waitBefore(counted + 1, step.backoffSeconds());
      Instant at = Instant.now().plus(wait);
      tasks.attempt(plan.id(), step.stepNo(), attemptNo + 1, at);
      incidents.audit(
          plan.incidentId(),
          "retry.scheduled",
          details(
              "step", step.stepNo(),
              "attempt", attemptNo + 1,
              "retry", counted,
              "waitSeconds", wait.toSeconds(),
              "at", at.toString()));
    } else {
      stepFailed(
          plan, step, "%s failed %d time(s); last: %s".formatted(step.action(), counted, why));
    }
  }

  private void stepFailed(Rows.Plan plan, Rows.Step step, String why) {
    store.setStepStatus(plan.id(), step.stepNo(), "FAILED");
    Optional<Rows.Step> fallback =
        store.step(plan.id(), step.stepNo() + 1).filter(next -> next.stageNo() == step.stageNo());
    if (fallback.isPresent()) {
      Rows.Step next = fallback.get();
      incidents.audit(
          plan.incidentId(),
          "fallback.started",
          details("step", next.stepNo(), "action", next.action(), "after", why));
      startOrPark(plan, next, "after " + why);
    } else {
      escalate(
          plan,
          PlanStatus.RUNNING,
          "Every action of the %s playbook failed; last: %s".formatted(step.playbook(), why));
    }
  }

  private void stepSucceeded(Rows.Plan plan, Rows.Step step, String what) {
    store.setStepStatus(plan.id(), step.stepNo(), "SUCCEEDED");
    List<Rows.Step> later =
        store.steps(plan.id()).stream().filter(s -> s.stepNo() > step.stepNo()).toList();
    later.stream()
        .filter(s -> s.stageNo() == step.stageNo())
        .forEach(s -> store.setStepStatus(plan.id(), s.stepNo(), "SKIPPED"));
    Optional<Rows.Step> chained =
        later.stream().filter(s -> s.stageNo() > step.stageNo()).findFirst();
    if (chained.isPresent()) {
      Rows.Step next = chained.get();
      incidents.audit(
          plan.incidentId(),
          "chain.started",
          details("playbook", next.playbook(), "action", next.action(), "after", what));
      startOrPark(plan, next, "after " + what);
    } else {
      resolve(plan, what);
    }
  }

  /**
   * Starts a step of a running plan: its first attempt after the step's first backoff wait (none
   * for a fallback). Runs inside the caller's transaction.
   */
  void startStep(UUID planId, int stepNo) {
    List<Integer> backoff =
        store.step(planId, stepNo).map(Rows.Step::backoffSeconds).orElse(List.of());
    tasks.attempt(planId, stepNo, 1, Instant.now().plus(RetrySchedule.waitBefore(1, backoff)));
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

  // ---------------------------------------------------------------- approvals and outcomes

  void expireApproval(UUID approvalId) {
    tx.executeWithoutResult(
        s -> {
          Rows.Approval approval = store.approval(approvalId).orElse(null);
          if (approval == null || !"PENDING".equals(approval.status())) {
            return;
          }
          String why =
              "No approver answered within %s; the plan was not executed"
                  .formatted(human(properties.approvalExpiry()));
          if (store.decideApproval(approvalId, "EXPIRED", IncidentGateway.ACTOR, why)) {
            incidents.audit(
                approval.incidentId(),
                "approval.expired",
                details("approval", approvalId.toString(), "why", why));
            store
                .plan(approval.planId())
                .ifPresent(plan -> escalate(plan, PlanStatus.AWAITING_APPROVAL, why));
          }
        });
  }

  /** Applies a finished plan to its incident, notifies, and undoes a scale-up. At least once. */
  void finish(UUID planId) {
    Rows.Plan plan = store.plan(planId).orElse(null);
    if (plan == null || !plan.status().isFinal()) {
      return;
    }
    if (plan.snapshotJson() != null) {
      restoreClusterSize(plan);
    }
    if (plan.status() == PlanStatus.RESOLVED) {
      incidents.markResolved(plan.incidentId(), plan.outcomeReason());
    } else {
      incidents.markEscalated(plan.incidentId(), plan.outcomeReason());
    }
    notifier.send(
        new IncidentNotice(
            plan.incidentId(),
            plan.status() == PlanStatus.RESOLVED
                ? IncidentNotice.Outcome.RESOLVED
                : IncidentNotice.Outcome.ESCALATED,
            plan.outcomeReason(),
            plan.errorType(),
            plan.severity(),
            plan.environment(),
            plan.source(),
            plan.resourceLabel(),
            Instant.now()));
  }

  @SuppressWarnings("unchecked")
  private void restoreClusterSize(Rows.Plan plan) {
    Map<String, Object> snapshot = Json.objectMap(plan.snapshotJson());
    Map<String, String> target = new LinkedHashMap<>();
    ((Map<String, Object>) snapshot.getOrDefault("target", Map.of()))
        .forEach((k, v) -> target.put(k, String.valueOf(v)));
    Map<String, String> parameters = new LinkedHashMap<>();
    ((Map<String, Object>) snapshot.getOrDefault("data", Map.of()))
        .forEach((k, v) -> parameters.put(k, String.valueOf(v)));
    ActionRequest restore =
        new ActionRequest(
            "restore_cluster_size", target, parameters, "rebound-" + plan.id() + "-restore");
    try {
      ActionResult result = connectors.perform(restore);
      incidents.audit(
          plan.incidentId(),
          "scale.restored",
          details("target", target, "size", parameters, "detail", result.detail()));
    } catch (RuntimeException e) {
      incidents.audit(
          plan.incidentId(),
          "scale.restore-failed",
          details(
              "target",
              target,
              "size",
              parameters,
              "why",
              e instanceof ConnectorException c ? describe(c) : e.getClass().getSimpleName()));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The action request of one attempt: the step's target, its parameters, and the attempt. */
  static ActionRequest requestFor(Rows.Step step, Rows.Attempt attempt) {
    Map<String, String> parameters = new LinkedHashMap<>(step.parameters());
    parameters.put("attempt", Integer.toString(attempt.attemptNo()));
    String versions = parameters.get("libraryVersions");
    if (versions != null && !versions.isBlank()) {
      String[] candidates = versions.split(",");
      parameters.put(
          "libraryVersion",
          candidates[Math.min(attempt.attemptNo(), candidates.length) - 1].trim());
    }
    return new ActionRequest(step.action(), step.target(), parameters, attempt.idempotencyKey());
  }

  static String describe(ConnectorException e) {
    String status = e.httpStatus() == null ? "" : "HTTP " + e.httpStatus() + ": ";
    return status + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static String human(Duration duration) {
    if (duration.toMinutes() >= 60 && duration.toMinutesPart() == 0) {
      return duration.toHours() + " h";
    }
    if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0) {
      return duration.toMinutes() + " min";
    }
    return duration.toSeconds() + " s";
  }

  /** An ordered map of audit details; null values are left out. */
  static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** What one attempt needs between checking its guards and recording its result. */
  private static final class Prepared {
    final Rows.Plan plan;
    final Rows.Step step;
    final String platform;
    final String resourceKey;
    final CircuitBreaker actionBreaker;
    final CircuitBreaker platformBreaker;
    final List<CircuitBreaker> acquired = new java.util.ArrayList<>();

    Prepared(
        Rows.Plan plan,
        Rows.Step step,
        String platform,
        String resourceKey,
        CircuitBreaker actionBreaker,
        CircuitBreaker platformBreaker) {
      this.plan = plan;
      this.step = step;
      this.platform = platform;
      this.resourceKey = resourceKey;
      this.actionBreaker = actionBreaker;
      this.platformBreaker = platformBreaker;
    }

    void releasePermissions() {
      acquired.forEach(CircuitBreaker::releasePermission);
      acquired.clear();
    }
  }
}
