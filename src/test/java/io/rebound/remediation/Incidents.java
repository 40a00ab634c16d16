package io.rebound.remediation;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.Priority;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Severity;
import io.rebound.failure.Source;
import io.rebound.policy.Decision;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import java.time.Instant;
import java.util.List;

/**
 * Builds the facts and decisions remediation tests record. Tests decide themselves (instead of the
 * shipped workbooks) so backoffs and timeouts can be a second or two.
 */
final class Incidents {

  private Incidents() {}

  static FailureFact clusterFailure(String clusterId, Environment environment) {
    return jobFailure(clusterId, jobIdFor(clusterId), environment);
  }

  static FailureFact jobFailure(String clusterId, String jobId, Environment environment) {
    return new FailureFact(
        Source.DATABRICKS,
        environment,
        ResourceKind.CLUSTER,
        Outcome.TERMINATED,
        new ResourceIds(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "1234567890123456",
            jobId,
            "nightly-etl",
            "41847992357943",
            null,
            null,
            clusterId,
            null,
            null,
            null,
            null),
        null,
        "Could not reach driver of cluster " + clusterId,
        FailureType.SYSTEM_ERROR,
        Instant.now(),
        null);
  }

  /** A job of its own per cluster: the incident module folds failures of one job together. */
  static String jobIdFor(String clusterId) {
    return Long.toString(28_000_000_000_000L + Math.floorMod(clusterId.hashCode(), 1_000_000_000));
  }

  /** A run id of its own per cluster: the incident module makes one incident per failed run. */
  static String runIdFor(String clusterId) {
    return Long.toString(41_000_000_000_000L + Math.floorMod(clusterId.hashCode(), 1_000_000_000));
  }

  static Playbook playbook(
      String action, int maxRetries, List<Integer> backoff, int timeout, List<String> fallbacks) {
    return new Playbook(
        action, maxRetries, backoff, timeout, true, null, fallbacks, null, 5, List.of());
  }

  static Evaluation evaluation(FailureFact fact, Playbook playbook, boolean approvalRequired) {
    Decision decision =
        new Decision(
            true,
            "ClusterUnexpectedTermination",
            "infrastructure",
            Severity.HIGH,
            Priority.P2,
            !"escalate".equals(playbook.action()),
            approvalRequired,
            playbook,
            List.of("Driver unreachable is a platform fault that a restart fixes"));
    return new Evaluation(fact, decision, List.of(), "test");
  }
}
