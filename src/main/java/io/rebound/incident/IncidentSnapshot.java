package io.rebound.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as another module may read it: what failed, what was decided and why (the decision's
 * reason lines, each naming its workbook, sheet and row), and where it stands.
 *
 * @param action the playbook's first action, or null when the policy chose none
 */
public record IncidentSnapshot(
    UUID id,
    IncidentStatus status,
    String source,
    String environment,
    String resource,
    String errorType,
    String category,
    String severity,
    String priority,
    String errorMessage,
    String statusReason,
    String action,
    List<String> reasons,
    String policyVersion,
    int occurrences,
    Instant firstSeen) {}
