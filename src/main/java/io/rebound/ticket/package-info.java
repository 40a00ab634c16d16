/**
 * Jira issues for incidents: one created when an incident escalates (or, configured, when any
 * incident is decided), with the decision and the policy rows behind it and a link back; a comment
 * when the incident ends; Jira's own webhook recording the status changes people make. The work is
 * a durable task in its own table ({@code ticket_tasks}), retried on a backoff, so Jira being down
 * never holds a decision or a plan. Public surface: {@link io.rebound.ticket.JiraUpdates} (ingest
 * hands it Jira's authenticated webhook bodies). Uses failure, incident, connector (the Jira
 * client).
 */
package io.rebound.ticket;
