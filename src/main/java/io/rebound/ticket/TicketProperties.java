package io.rebound.ticket;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What Rebound puts in Jira ({@code rebound.jira.*}; the site and credentials are the connector's,
 * under the same prefix).
 *
 * @param projectKey the project issues are created in, for example OPS
 * @param issueType the issue type's name in that project (Task, Bug, Incident...)
 * @param labels labels every issue gets (no spaces: Jira splits labels on them)
 * @param onEveryIncident true: an issue for every decided incident, not only escalated ones; its
 *     end (resolved or escalated) is then a comment on it
 * @param incidentLink Rebound's address as people open it (for example
 *     https://rebound.example.com); the issue links to the incident there. Empty: the issue names
 *     the incident's API path.
 * @param retryAfter first wait after Jira failed or could not be reached; doubles on each try
 * @param maxRetries tries after the first before the work is given up (and audited as such)
 * @param pollingInterval how often the ticket work table is checked
 */
@ConfigurationProperties("rebound.jira")
record TicketProperties(
    String projectKey,
    String issueType,
    List<String> labels,
    boolean onEveryIncident,
    String incidentLink,
    Duration retryAfter,
    Integer maxRetries,
    Duration pollingInterval) {

  TicketProperties {
    issueType = issueType == null || issueType.isBlank() ? "Task" : issueType;
    labels = labels == null ? List.of("rebound") : List.copyOf(labels);
    retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
    maxRetries = maxRetries == null ? 8 : maxRetries;
    pollingInterval = pollingInterval == null ? Duration.ofSeconds(5) : pollingInterval;
  }

  /** Where a person opens this incident. */
  String linkTo(java.util.UUID incidentId) {
    String base = incidentLink == null ? "" : incidentLink.trim();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/api/incidents/" + incidentId;
  }
}
