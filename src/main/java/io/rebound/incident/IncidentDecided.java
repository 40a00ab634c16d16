package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.policy.Evaluation;
import java.util.UUID;

/**
 * Published (as a Spring application event, after the deciding transaction commits) when an
 * incident reaches DECIDED. Remediation listens to it and builds a plan.
 */
public record IncidentDecided(UUID incidentId, FailureFact fact, Evaluation evaluation) {}
