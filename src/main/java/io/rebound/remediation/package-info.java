/**
 * Plans, steps, attempts, scheduling, guards (mode, approval, budget, breaker) and the approvals
 * API. Listens to {@link io.rebound.incident.IncidentDecided}; its public surface is its HTTP API
 * (/api/approvals, /api/circuit-breakers, /api/remediation/...). Uses failure, incident, policy,
 * connector, notify.
 */
package io.rebound.remediation;
