/**
 * Plans, steps, attempts, scheduling, guards (mode, approval, budget, breaker) and the approvals
 * API. Listens to {@link io.rebound.incident.IncidentDecided}; its public surface is its HTTP API
 * (/api/approvals, /api/circuit-breakers (also /api/breakers), /api/remediation/...,
 * /api/stats/playbooks) and the state the policy's guards read before deciding (implementing
 * policy's {@code StateGatherer.ActionHistory}: breakers, budget, playbook outcomes). Uses failure
 * (the action vocabulary), incident, policy, connector, notify.
 *
 * <p>How a plan runs: {@link io.rebound.remediation.PlanStarter} makes the plan; every piece of
 * work is a db-scheduler task ({@link io.rebound.remediation.StepTasks}). {@link
 * io.rebound.remediation.AttemptRunner} runs one attempt (guards, claim, the action's {@link
 * io.rebound.remediation.ActionHandler}, reconciliation of an attempt a crash left unknown), {@link
 * io.rebound.remediation.AttemptResults} records its outcome, {@link
 * io.rebound.remediation.HealthPoller} polls its health check, {@link
 * io.rebound.remediation.PlanExecutor} moves the plan to its next step, {@link
 * io.rebound.remediation.PlanOutcome} closes it. Plan, step, attempt and approval states are enums
 * whose moves are checked; {@link io.rebound.remediation.Breakers} keeps breaker state in the
 * database.
 */
package io.rebound.remediation;
