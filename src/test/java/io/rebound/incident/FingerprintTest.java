package io.rebound.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant NOW = Instant.parse("2025-03-14T02:20:00Z");

  @Test
  void aTaskNotificationCountsAgainstItsParentRun() {
    Fingerprint job = Fingerprint.of(databricks("41847992357943", null, null), HOUR, NOW);
    Fingerprint task =
        Fingerprint.of(databricks("41847992357945", "41847992357943", null), HOUR, NOW);

    assertThat(task.value()).isEqualTo(job.value());
    assertThat(task.resourceKey()).isEqualTo(job.resourceKey()).doesNotContain("4184799235794");
  }

  @Test
  void differentRunsOfOnePipelineAreDifferentFailuresOfOneResource() {
    Fingerprint first = Fingerprint.of(adf("run-1", null), HOUR, NOW);
    Fingerprint second = Fingerprint.of(adf("run-2", null), HOUR, NOW);

    assertThat(first.value()).isNotEqualTo(second.value());
    assertThat(first.resourceKey()).isEqualTo(second.resourceKey());
  }

  @Test
  void aMetricAlertWithoutARunIsIdentifiedByItsAlertId() {
    Fingerprint fired = Fingerprint.of(adf(null, "/alerts/abc"), HOUR, NOW);

    assertThat(fired.value()).isEqualTo("alert|/alerts/abc");
    assertThat(fired.alertKey()).isEqualTo("alert|/alerts/abc");
  }

  @Test
  void clusterTerminationsAreBucketedInTime() {
    FailureFact at0210 = cluster("DRIVER_UNREACHABLE", Instant.parse("2025-03-14T02:10:00Z"));
    FailureFact at0250 = cluster("DRIVER_UNREACHABLE", Instant.parse("2025-03-14T02:50:00Z"));
    FailureFact at0310 = cluster("DRIVER_UNREACHABLE", Instant.parse("2025-03-14T03:10:00Z"));
    FailureFact other = cluster("SPARK_ERROR", Instant.parse("2025-03-14T02:10:00Z"));

    String a = Fingerprint.of(at0210, HOUR, NOW).value();
    assertThat(Fingerprint.of(at0250, HOUR, NOW).value()).isEqualTo(a);
    assertThat(Fingerprint.of(at0310, HOUR, NOW).value()).isNotEqualTo(a);
    assertThat(Fingerprint.of(other, HOUR, NOW).value()).isNotEqualTo(a);
  }

  private static FailureFact databricks(String runId, String parentRunId, String clusterId) {
    return fact(
        Source.DATABRICKS,
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
            "nightly_orders_etl",
            runId,
            parentRunId,
            null,
            clusterId,
            null,
            null,
            null,
            null),
        ErrorCodes.NONE,
        NOW);
  }

  private static FailureFact adf(String pipelineRunId, String alertId) {
    return fact(
        Source.AZURE_DATA_FACTORY,
        new ResourceIds(
            alertId,
            "rule",
            null,
            "adf-contoso-prod",
            "copy_orders",
            pipelineRunId,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null),
        ErrorCodes.NONE,
        NOW);
  }

  private static FailureFact cluster(String code, Instant at) {
    return fact(
        Source.DATABRICKS,
        new ResourceIds(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "1234-567890-reef123",
            null,
            null,
            null,
            null),
        new ErrorCodes(null, null, code, "SERVICE_FAULT", null, null, null, null, null, null),
        at);
  }

  private static FailureFact fact(Source source, ResourceIds ids, ErrorCodes codes, Instant at) {
    return new FailureFact(
        source,
        Environment.PRODUCTION,
        ResourceKind.OTHER,
        Outcome.FAILED,
        ids,
        codes,
        "boom",
        null,
        at,
        null);
  }
}
