package io.rebound.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * How an incident ended, in the words an on-call engineer reads in Slack.
 *
 * @param outcome RESOLVED or ESCALATED
 * @param reason why, in one or two plain sentences
 * @param resource what failed, for example "Databricks cluster 0923-164208-meows279"
 */
public record IncidentNotice(
    UUID incidentId,
    Outcome outcome,
    String reason,
    String errorType,
    String severity,
    String environment,
    String source,
    String resource,
    Instant at) {

  public enum Outcome {
    RESOLVED,
    ESCALATED
  }
}
