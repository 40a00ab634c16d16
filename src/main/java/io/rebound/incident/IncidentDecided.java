package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.policy.Evaluation;
import java.util.UUID;

/**
 * Published (as a Spring application event, after the deciding transaction commits) when an
 * incident reaches DECIDED. Remediation listens to it and builds a plan.
 *
 * @param requestedBy who asked for the remediation: {@link #AUTOMATIC} for a webhook, the
 *     operator's principal name for a replay. Approval gates refuse an approval by the requester.
 */
public record IncidentDecided(
    UUID incidentId, FailureFact fact, Evaluation evaluation, String requestedBy) {

  /** The requester of every plan Rebound starts on its own. */
  public static final String AUTOMATIC = "rebound";

  public IncidentDecided {
    requestedBy = requestedBy == null || requestedBy.isBlank() ? AUTOMATIC : requestedBy;
  }

  /** An automatic decision (from a webhook): requested by {@link #AUTOMATIC}. */
  public IncidentDecided(UUID incidentId, FailureFact fact, Evaluation evaluation) {
    this(incidentId, fact, evaluation, AUTOMATIC);
  }
}
