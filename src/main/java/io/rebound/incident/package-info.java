/**
 * Incidents, fingerprints, lifecycle, audit trail, stats and their API. Public surface: {@link
 * io.rebound.incident.IncidentRecorder} (ingest records decided facts), {@link
 * io.rebound.incident.RecordedIncident}, {@link io.rebound.incident.AuditTrail}, {@link
 * io.rebound.incident.IncidentLifecycle} (remediation moves incidents on), {@link
 * io.rebound.incident.IncidentDecided} (published inside the deciding transaction), {@link
 * io.rebound.incident.DecidedIncidents} (a decision read back for remediation), {@link
 * io.rebound.incident.IncidentStatus}. Implements policy's {@code StateGatherer.FailureHistory}
 * port (earlier failures and open incidents of a resource, for the guards). Uses failure, policy
 * (decision types and that port).
 */
package io.rebound.incident;
