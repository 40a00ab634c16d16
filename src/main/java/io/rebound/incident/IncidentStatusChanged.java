package io.rebound.incident;

import java.util.UUID;

/**
 * Published (as a Spring application event) inside the transaction that moves an incident, so a
 * listener's writes (a durable task, say) commit with the move or roll back with it. Like {@link
 * IncidentDecided}: a listener must not call anything that commits on its own or waits on a remote
 * system.
 *
 * @param reason why, as the audit trail records it; may be null
 */
public record IncidentStatusChanged(
    UUID incidentId, IncidentStatus from, IncidentStatus to, String actor, String reason) {}
