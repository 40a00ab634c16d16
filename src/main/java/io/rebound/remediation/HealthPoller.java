package io.rebound.remediation;

import io.rebound.connector.HealthCheckResult;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One poll of the health check that proves a performed action worked. PENDING polls again until the
 * step's timeout; a poll that fails says nothing about the resource and counts as PENDING, so a
 * platform that never answers ends in a timeout, not in an endless wait.
 */
@Component
class HealthPoller {

  private final PlanStore store;
  private final StepTasks tasks;
  private final ActionHandlers handlers;
  private final AttemptResults results;
  private final IncidentGateway incidents;
  private final RemediationProperties properties;
  private final TransactionTemplate tx;

  HealthPoller(
      PlanStore store,
      StepTasks tasks,
      ActionHandlers handlers,
      AttemptResults results,
      IncidentGateway incidents,
      RemediationProperties properties,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.tasks = tasks;
    this.handlers = handlers;
    this.results = results;
    this.incidents = incidents;
    this.properties = properties;
    this.tx = new TransactionTemplate(transactions);
  }

  void poll(StepTasks.Key key) {
    Rows.Plan plan = store.plan(key.planId()).orElse(null);
    if (plan == null || plan.status() != PlanStatus.RUNNING) {
      return;
    }
    Rows.Step step = store.step(key.planId(), key.stepNo()).orElseThrow();
    Rows.Attempt attempt = store.attempt(key.planId(), key.stepNo(), key.attemptNo()).orElse(null);
    if (attempt == null || attempt.status() != AttemptStatus.PERFORMED) {
      return;
    }
    HealthCheckResult health;
    try {
      health = handlers.of(step.action()).orElseThrow().checkHealth(step, attempt);
    } catch (RuntimeException e) {
      health =
          new HealthCheckResult(
              HealthCheckResult.Status.PENDING,
              "the health check call failed: " + Audit.describe(e));
    }
    HealthCheckResult outcome = health;
    Map<String, Object> auditDetails =
        Audit.details(
            "step", step.stepNo(),
            "attempt", attempt.attemptNo(),
            "check", step.healthCheck(),
            "poll", key.pollNo(),
            "status", outcome.status().name(),
            "detail", outcome.detail());
    Instant now = Instant.now();
    tx.executeWithoutResult(
        s -> {
          switch (outcome.status()) {
            case HEALTHY -> {
              incidents.audit(plan.incidentId(), "healthcheck.passed", auditDetails);
              results.healthPassed(plan, step, attempt, outcome.detail());
            }
            case UNHEALTHY -> {
              incidents.audit(plan.incidentId(), "healthcheck.failed", auditDetails);
              results.healthFailed(
                  plan,
                  step,
                  attempt,
                  "the %s health check failed: %s".formatted(step.healthCheck(), outcome.detail()));
            }
            case PENDING -> {
              if (now.isBefore(attempt.deadline())) {
                if (key.pollNo() == 1) {
                  incidents.audit(plan.incidentId(), "healthcheck.pending", auditDetails);
                }
                Instant next =
                    AttemptRunner.min(
                        now.plus(properties.healthPollInterval()), attempt.deadline());
                tasks.healthCheck(
                    plan.id(), step.stepNo(), attempt.attemptNo(), key.pollNo() + 1, next);
              } else {
                incidents.audit(plan.incidentId(), "healthcheck.timeout", auditDetails);
                results.healthFailed(
                    plan,
                    step,
                    attempt,
                    "the %s health check did not pass within %d s (last: %s)"
                        .formatted(step.healthCheck(), step.timeoutSeconds(), outcome.detail()));
              }
            }
          }
        });
  }
}
