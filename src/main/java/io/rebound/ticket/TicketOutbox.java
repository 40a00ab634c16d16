package io.rebound.ticket;

import io.rebound.connector.JiraClient;
import io.rebound.incident.IncidentStatus;
import io.rebound.incident.IncidentStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides which incident moves need Jira and writes that work into {@code ticket_tasks} inside the
 * move's own transaction: nothing here calls Jira, so Jira being slow or down can never hold or
 * fail a decision or a plan, and a crash right after the commit still leaves the work to do.
 *
 * <p>An escalation opens an issue. With {@code on-every-incident}, every decided incident opens one
 * and its end, resolved or escalated, is a comment on it.
 */
@Component
class TicketOutbox {

  private final JiraClient jira;
  private final TicketTasks tasks;
  private final TicketProperties properties;

  TicketOutbox(JiraClient jira, TicketTasks tasks, TicketProperties properties) {
    this.jira = jira;
    this.tasks = tasks;
    this.properties = properties;
  }

  @EventListener
  void onStatusChanged(IncidentStatusChanged change) {
    if (!jira.configured()) {
      return;
    }
    String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason();
    if (change.to() == IncidentStatus.DECIDED && properties.onEveryIncident()) {
      tasks.create(change.incidentId(), "Rebound opened this incident and is working on it.");
    } else if (change.to() == IncidentStatus.ESCALATED) {
      String why = "Rebound escalated this incident: it needs a person." + suffix(reason);
      if (properties.onEveryIncident()) {
        tasks.comment(change.incidentId(), change.to().name(), why);
      } else {
        tasks.create(change.incidentId(), why);
      }
    } else if (change.to() == IncidentStatus.RESOLVED) {
      // only an issue opened when the incident was decided can see its resolution: an escalated
      // incident is never resolved by Rebound (ESCALATED is final)
      if (properties.onEveryIncident()) {
        tasks.comment(change.incidentId(), change.to().name(), "Resolved." + suffix(reason));
      }
    }
  }

  private static String suffix(String reason) {
    return reason == null ? "" : " " + reason;
  }
}
