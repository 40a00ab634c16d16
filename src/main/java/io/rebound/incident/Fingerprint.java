package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.failure.ResourceIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What makes two deliveries the same failure.
 *
 * <ul>
 *   <li>a run: source + resource + run id (an ADF pipeline run, a Databricks job run — task
 *       notifications count against their parent run — a CI workflow run);
 *   <li>a cluster termination (no run id): cluster + termination code + time bucket, so the same
 *       termination seen by the poller and a webhook is one incident, but tomorrow's is another;
 *   <li>a metric alert (no run id): the alert id, stable between fired and resolved.
 * </ul>
 *
 * @param value the fingerprint itself
 * @param resourceKey the resource without the run: a later success of it resolves the incident
 * @param alertKey the Azure Monitor alert id: its resolved notification resolves the incident
 * @param resourceLabel short human-readable name of the resource for lists
 */
record Fingerprint(String value, String resourceKey, String alertKey, String resourceLabel) {

  static Fingerprint of(FailureFact fact, Duration clusterBucket, Instant receivedAt) {
    ResourceIds r = fact.resource();
    String source = fact.source().id();
    String resource = resourceOf(fact);
    String resourceKey = resource.isEmpty() ? null : source + "|" + resource;
    String alertKey = r.alertId() == null ? null : "alert|" + r.alertId();
    String runId = runIdOf(r);
    String label =
        resource.isEmpty() ? Objects.requireNonNullElse(r.alertRule(), source) : resource;
    String value;
    if (runId != null) {
      value = source + "|" + resource + "|run:" + runId;
    } else if (r.clusterId() != null && fact.codes().terminationCode() != null) {
      Instant at = fact.occurredAt() != null ? fact.occurredAt() : receivedAt;
      long bucket = at.getEpochSecond() / Math.max(1, clusterBucket.toSeconds());
      value =
          source
              + "|cluster:"
              + r.clusterId()
              + "|"
              + fact.codes().terminationCode()
              + "|bucket:"
              + bucket;
    } else if (alertKey != null) {
      value = alertKey;
    } else {
      // Nothing identifies a run: the same resource failing with the same code is one incident.
      value =
          source
              + "|"
              + resource
              + "|"
              + Stream.of(
                      fact.codes().activityCode(),
                      fact.codes().connectorCode(),
                      fact.codes().platformCode(),
                      fact.errorMessage().isEmpty()
                          ? null
                          : Integer.toHexString(fact.errorMessage().hashCode()))
                  .filter(Objects::nonNull)
                  .collect(Collectors.joining(","));
    }
    return new Fingerprint(cut(value), cut(resourceKey), cut(alertKey), cut(label));
  }

  private static String runIdOf(ResourceIds r) {
    if (r.pipelineRunId() != null) {
      return r.pipelineRunId();
    }
    if (r.parentRunId() != null) {
      return r.parentRunId();
    }
    if (r.runId() != null) {
      return r.runId();
    }
    return r.workflowRunId();
  }

  private static String resourceOf(FailureFact fact) {
    ResourceIds r = fact.resource();
    return switch (fact.source()) {
      case DATABRICKS ->
          r.jobId() != null
              ? join("workspace:" + nz(r.workspace()), "job:" + r.jobId())
              : r.clusterId() != null
                  ? "cluster:" + r.clusterId()
                  : join(r.workspace(), r.jobName());
      case AZURE_DATA_FACTORY, SYNAPSE ->
          r.pipeline() != null ? join(factoryOf(r), "pipeline:" + r.pipeline()) : factoryOf(r);
      default ->
          r.repository() != null
              ? join(r.repository(), r.pipeline())
              : join(r.pipeline(), r.jobName(), r.azureResourceId());
    };
  }

  private static String factoryOf(ResourceIds r) {
    if (r.factory() != null) {
      return "factory:" + r.factory();
    }
    return r.azureResourceId() == null
        ? ""
        : r.azureResourceId().toLowerCase(java.util.Locale.ROOT);
  }

  private static String join(String... parts) {
    return Stream.of(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining("/"));
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  private static String cut(String value) {
    return value == null || value.length() <= 512 ? value : value.substring(0, 512);
  }
}
