package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.time.Instant;
import java.util.Map;

/** Builds facts the way the extractors do, with realistic values from shared/payloads. */
final class Facts {

  private Facts() {}

  static FailureFact clusterTerminated(String code, String type, Environment env) {
    return new FailureFact(
        Source.DATABRICKS,
        env,
        ResourceKind.CLUSTER,
        Outcome.TERMINATED,
        resourceWithCluster("0923-164208-meows279"),
        new ErrorCodes(null, null, code, type, null, null, null, null, null, null),
        "",
        FailureType.UNKNOWN,
        Instant.parse("2026-11-20T03:12:00Z"),
        Map.of());
  }

  static FailureFact jobRun(
      String runCode, String runType, String resultState, String message, Environment env) {
    return new FailureFact(
        Source.DATABRICKS,
        env,
        ResourceKind.JOB_RUN,
        Outcome.FAILED,
        ResourceIds.NONE,
        new ErrorCodes(
            null, null, null, null, runCode, runType, "TERMINATED", resultState, null, null),
        message,
        FailureType.UNKNOWN,
        Instant.parse("2026-11-20T03:12:00Z"),
        Map.of());
  }

  static FailureFact databricksMessage(String message, Environment env) {
    return jobRun(null, null, "FAILED", message, env);
  }

  static FailureFact libraryFailure(String library, Environment env) {
    ResourceIds ids =
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
            "281874479417551",
            "nightly-etl",
            "41847992357943",
            null,
            null,
            "0923-164208-meows279",
            library,
            null,
            null,
            null);
    return new FailureFact(
        Source.DATABRICKS,
        env,
        ResourceKind.JOB_RUN,
        Outcome.FAILED,
        ids,
        new ErrorCodes(
            null,
            null,
            null,
            null,
            "LIBRARY_INSTALLATION_ERROR",
            "CLIENT_ERROR",
            "INTERNAL_ERROR",
            "FAILED",
            null,
            null),
        "Library installation failed for library due to user error for pypi",
        FailureType.USER_ERROR,
        Instant.parse("2026-11-20T03:12:00Z"),
        Map.of());
  }

  static FailureFact adf(
      String activityCode, String connectorCode, Integer http, String message, Environment env) {
    return new FailureFact(
        Source.AZURE_DATA_FACTORY,
        env,
        ResourceKind.ACTIVITY_RUN,
        Outcome.FAILED,
        ResourceIds.NONE,
        new ErrorCodes(activityCode, connectorCode, null, null, null, null, null, null, http, null),
        message,
        FailureType.SYSTEM_ERROR,
        Instant.parse("2026-11-20T03:12:00Z"),
        Map.of());
  }

  static FailureFact ci(String conclusion, String message, Environment env) {
    return new FailureFact(
        Source.GITHUB,
        env,
        ResourceKind.WORKFLOW_RUN,
        Outcome.FAILED,
        ResourceIds.NONE,
        new ErrorCodes(null, null, null, null, null, null, null, null, null, conclusion),
        message,
        FailureType.UNKNOWN,
        Instant.parse("2026-11-20T03:12:00Z"),
        Map.of("conclusion", conclusion == null ? "failure" : conclusion));
  }

  static FailureFact withOutcome(Source source, Outcome outcome, Environment env) {
    return new FailureFact(
        source, env, ResourceKind.OTHER, outcome, null, null, "", null, null, Map.of());
  }

  /** The same failure as another alert would report it: other message and attributes. */
  static FailureFact withMessage(FailureFact f, String message, Map<String, String> attributes) {
    return new FailureFact(
        f.source(),
        f.environment(),
        f.resourceKind(),
        f.outcome(),
        f.resource(),
        f.codes(),
        message,
        f.failureType(),
        f.occurredAt(),
        attributes);
  }

  private static ResourceIds resourceWithCluster(String clusterId) {
    return new ResourceIds(
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "1234567890123456",
        null,
        null,
        null,
        null,
        null,
        clusterId,
        null,
        null,
        null,
        null);
  }
}
