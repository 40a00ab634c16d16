package io.rebound.failure;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One platform event, normalised. Immutable; built by an extractor from a raw body, or given
 * directly to the what-if API. It says what happened, never what to do about it: that is the
 * policy's job.
 *
 * @param source platform the event came from
 * @param environment production, staging or development, mapped from configuration
 * @param resourceKind what kind of thing the event is about
 * @param outcome what the event says happened
 * @param resource identifiers of the resource
 * @param codes machine-readable error codes
 * @param errorMessage the most specific error message the body carried, in full
 * @param failureType UserError / SystemError as the platform classified it
 * @param occurredAt when the platform says it happened
 * @param attributes anything else worth keeping (alert severity, CI conclusion, event type...)
 */
public record FailureFact(
    Source source,
    Environment environment,
    ResourceKind resourceKind,
    Outcome outcome,
    ResourceIds resource,
    ErrorCodes codes,
    String errorMessage,
    FailureType failureType,
    Instant occurredAt,
    Map<String, String> attributes) {

  public FailureFact {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(environment, "environment");
    resourceKind = resourceKind == null ? ResourceKind.OTHER : resourceKind;
    outcome = outcome == null ? Outcome.UNKNOWN : outcome;
    resource = resource == null ? ResourceIds.NONE : resource;
    codes = codes == null ? ErrorCodes.NONE : codes;
    errorMessage = errorMessage == null ? "" : errorMessage;
    failureType = failureType == null ? FailureType.UNKNOWN : failureType;
    attributes = attributes == null ? Map.of() : Map.copyOf(new TreeMap<>(attributes));
  }

  /** The same fact in another environment (the what-if "environment" override). */
  public FailureFact withEnvironment(Environment newEnvironment) {
    return new FailureFact(
        source,
        newEnvironment,
        resourceKind,
        outcome,
        resource,
        codes,
        errorMessage,
        failureType,
        occurredAt,
        attributes);
  }
}
