/**
 * Incidents, fingerprints, lifecycle, audit trail, stats and their API. Public surface: {@link
 * io.rebound.incident.IncidentRecorder} (ingest records decided facts), {@link
 * io.rebound.incident.RecordedIncident}, {@link io.rebound.incident.AuditTrail}, {@link
 * io.rebound.incident.IncidentLifecycle} (remediation moves incidents on), {@link
 * io.rebound.incident.IncidentDecided} (published after the deciding transaction commits), {@link
 * io.rebound.incident.IncidentStatus}. Uses failure, policy (decision types).
 */
package io.rebound.incident;
