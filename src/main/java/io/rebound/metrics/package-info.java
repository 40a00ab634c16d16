/**
 * Metrics for Prometheus (/actuator/prometheus): what ops watch at 3 a.m. Instruments the other
 * modules from the outside, at stable boundaries: the webhook servlet's answers (a filter), the
 * IncidentDecided event, the circuit breaker registry, and cheap periodic queries over the inbox,
 * incident, remediation and scheduler tables. Tags are bounded vocabularies (endpoint, status,
 * error type, action); never a resource id. Uses incident (the event type) and policy (the decision
 * records); no module uses this one.
 */
package io.rebound.metrics;
