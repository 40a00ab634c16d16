/**
 * Plans, steps, attempts, scheduling, guards (mode, approval, budget, breaker) and the approvals
 * API. Uses failure, incident, policy, connector, notify.
 */
package io.rebound.remediation;
