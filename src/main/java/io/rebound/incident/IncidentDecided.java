package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.policy.Evaluation;
import java.util.UUID;

/**
 * Published (as a Spring application event) when an incident reaches DECIDED, inside the deciding
 * transaction: a listener's writes commit with the decision or roll back with it. Remediation
 * listens and records, in that transaction, that a plan must be made; it makes the plan after the
 * commit, from {@link DecidedIncidents}. A listener must not call anything that commits on its own.
 *
 * @param requestedBy who asked for the remediation: {@link #AUTOMATIC} for a webhook, the
 *     operator's principal name for a replay. Approval gates refuse an approval by the requester.
 * @param requestId the X-Request-Id of the delivery that decided it, or null
 */
public record IncidentDecided(
    UUID incidentId,
    FailureFact fact,
    Evaluation evaluation,
    String requestedBy,
    String requestId) {

  /** The requester of every plan Rebound starts on its own. */
  public static final String AUTOMATIC = "rebound";

  public IncidentDecided {
    requestedBy = requestedBy == null || requestedBy.isBlank() ? AUTOMATIC : requestedBy;
  }

  /** A decision without a known request id. */
  public IncidentDecided(
      UUID incidentId, FailureFact fact, Evaluation evaluation, String requestedBy) {
    this(incidentId, fact, evaluation, requestedBy, null);
  }

  /** An automatic decision (from a webhook): requested by {@link #AUTOMATIC}. */
  public IncidentDecided(UUID incidentId, FailureFact fact, Evaluation evaluation) {
    this(incidentId, fact, evaluation, AUTOMATIC);
  }
}
