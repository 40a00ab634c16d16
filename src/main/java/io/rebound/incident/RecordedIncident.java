package io.rebound.incident;

import java.util.UUID;

/**
 * What recording one fact did.
 *
 * @param incidentId the incident opened, repeated or resolved; null when nothing happened
 * @param effect OPENED, REPEATED (one more occurrence of an open incident), RESOLVED (a success or
 *     resolved alert closed it) or NONE (not a failure, nothing open to resolve)
 */
public record RecordedIncident(UUID incidentId, Effect effect) {

  public enum Effect {
    OPENED,
    REPEATED,
    RESOLVED,
    NONE
  }
}
