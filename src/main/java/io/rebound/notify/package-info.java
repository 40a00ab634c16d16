/**
 * Slack and generic webhook notifications on escalation and resolution. Public surface: {@link
 * io.rebound.notify.IncidentNotifier} and {@link io.rebound.notify.IncidentNotice}; sending happens
 * off the caller's thread and a failed send is logged, never thrown. Uses failure, incident.
 */
package io.rebound.notify;
