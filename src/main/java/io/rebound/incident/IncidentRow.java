package io.rebound.incident;

import java.time.Instant;
import java.util.UUID;

/** An incident as stored. The JSON columns stay text until an answer needs them. */
record IncidentRow(
    UUID id,
    String fingerprint,
    String resourceKey,
    String alertKey,
    String source,
    String environment,
    String resource,
    IncidentStatus status,
    String errorType,
    String category,
    String severity,
    String priority,
    String errorMessage,
    String factJson,
    String decisionJson,
    String explanationJson,
    String policyVersion,
    int occurrences,
    Instant firstSeen,
    Instant lastSeen,
    Instant resolvedAt,
    String statusReason,
    int version) {}
