package io.rebound.ticket;

import io.rebound.connector.ConnectorException;
import io.rebound.connector.JiraClient;
import io.rebound.incident.IncidentSnapshot;
import io.rebound.incident.IncidentSnapshots;
import io.rebound.incident.QuietAudit;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Carries out one piece of ticket work against Jira and writes what happened into the incident's
 * audit trail. A failure Jira or the network may recover from is thrown, so the scheduler tries
 * again later; one that asking again cannot fix (a wrong project key, a refused token) is audited
 * and dropped at once.
 */
@Component
class TicketWork {

  static final String ACTOR = "rebound";
  private static final Logger log = LoggerFactory.getLogger(TicketWork.class);

  private final JiraClient jira;
  private final IncidentSnapshots incidents;
  private final QuietAudit audit;
  private final TicketStore store;
  private final TicketProperties properties;
  private final Clock clock;

  TicketWork(
      JiraClient jira,
      IncidentSnapshots incidents,
      QuietAudit audit,
      TicketStore store,
      TicketProperties properties,
      Optional<Clock> clock) {
    this.jira = jira;
    this.incidents = incidents;
    this.audit = audit;
    this.store = store;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** Creates the incident's issue unless it has one. */
  void create(UUID incidentId, String why, int tryNo) {
    if (store.forIncident(incidentId).isPresent()) {
      return;
    }
    Optional<IncidentSnapshot> incident = incidents.find(incidentId);
    if (incident.isEmpty()) {
      log.warn("No incident {} to open a Jira issue for", incidentId);
      return;
    }
    JiraClient.CreatedIssue issue;
    try {
      Optional<String> earlier = tryNo > 1 ? createdByAnEarlierTry(incidentId) : Optional.empty();
      if (earlier.isPresent()) {
        link(incidentId, earlier.get(), jira.browseUrl(earlier.get()), "jira.issue-found");
        return;
      }
      issue =
          jira.createIssue(
              IssueContent.fields(incident.get(), why, properties.linkTo(incidentId), properties));
    } catch (ConnectorException e) {
      failed(incidentId, "jira.issue-failed", "creating the Jira issue", e, tryNo);
      return;
    }
    link(incidentId, issue.key(), issue.browseUrl(), "jira.issue-created");
  }

  /**
   * An earlier try may have created the issue and lost Jira's answer (a timeout after Jira
   * committed): Jira's create has no idempotency key, so the incident's label is looked up first.
   */
  private Optional<String> createdByAnEarlierTry(UUID incidentId) {
    return jira.findIssueKey(
        "project = \""
            + properties.projectKey()
            + "\" AND labels = \""
            + IssueContent.label(incidentId)
            + "\"");
  }

  private void link(UUID incidentId, String key, String url, String action) {
    try {
      store.insert(incidentId, key, url, clock.instant());
    } catch (DuplicateKeyException alreadyLinked) {
      log.warn("Incident {} was linked to a Jira issue meanwhile; {} is spare", incidentId, key);
      return;
    }
    audit.record(incidentId, ACTOR, action, "issue", key, "url", url);
  }

  /**
   * Comments on the incident's issue. While the issue is still being created, throws so that the
   * scheduler comes back later; with no issue (none was wanted, or creating it was given up) there
   * is nothing to do.
   */
  void comment(UUID incidentId, String text, boolean issuePending, int tryNo) {
    Optional<TicketStore.Ticket> ticket = store.forIncident(incidentId);
    if (ticket.isEmpty()) {
      if (issuePending) {
        throw new IllegalStateException(
            "The Jira issue of incident " + incidentId + " is not created yet");
      }
      return;
    }
    try {
      jira.addComment(ticket.get().key(), IssueContent.comment(text));
    } catch (ConnectorException e) {
      failed(incidentId, "jira.comment-failed", "commenting on " + ticket.get().key(), e, tryNo);
      return;
    }
    audit.record(incidentId, ACTOR, "jira.commented", "issue", ticket.get().key(), "comment", text);
  }

  /** The scheduler gave up on a piece of work after its last retry. */
  void gaveUp(UUID incidentId, String what, Throwable cause, int tries) {
    audit.record(
        incidentId,
        ACTOR,
        "jira.gave-up",
        "what",
        what,
        "tries",
        tries,
        "why",
        cause == null || cause.getMessage() == null ? "unknown error" : cause.getMessage());
  }

  private void failed(
      UUID incidentId, String action, String what, ConnectorException e, int tryNo) {
    audit.record(
        incidentId,
        ACTOR,
        action,
        "why",
        e.getMessage(),
        "try",
        tryNo,
        "willRetry",
        e.retryable() && tryNo <= properties.maxRetries());
    if (e.retryable()) {
      log.warn("Jira: {} for incident {} failed, will retry: {}", what, incidentId, e.getMessage());
      throw e;
    }
    log.warn("Jira: {} for incident {} refused, not retried: {}", what, incidentId, e.getMessage());
  }
}
