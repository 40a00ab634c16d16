package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Steps, attempts and approvals move only forward, through their named transitions. */
class StateTransitionsTest {

  private static Rows.Step step(StepStatus status) {
    return new Rows.Step(
        UUID.randomUUID(),
        0,
        0,
        "PRIMARY",
        "ClusterTerminated",
        "restart_cluster",
        2,
        List.of(0),
        10,
        "cluster_running",
        3,
        Map.of("clusterId", "0923-164208-abc"),
        Map.of(),
        status,
        false);
  }

  @Test
  void aStepRunsThenSucceedsOrFailsOnce() {
    Rows.Step running = step(StepStatus.PENDING).start();
    assertThat(running.status()).isEqualTo(StepStatus.RUNNING);
    assertThat(running.succeed().status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(running.fail().status()).isEqualTo(StepStatus.FAILED);
    assertThatThrownBy(() -> running.succeed().fail())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A step cannot go from SUCCEEDED to FAILED");
    assertThatThrownBy(() -> step(StepStatus.PENDING).succeed())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A step cannot go from PENDING to SUCCEEDED");
  }

  @Test
  void onlyAStepThatNeverRanIsSkipped() {
    assertThat(step(StepStatus.PENDING).skip().status()).isEqualTo(StepStatus.SKIPPED);
    assertThatThrownBy(() -> step(StepStatus.RUNNING).skip())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAttemptIsPerformedBeforeItSucceedsAndEndsOnce() {
    Rows.Attempt claimed =
        Rows.Attempt.claim(UUID.randomUUID(), 0, 1, "rebound-x-0-1", "databricks:cluster:c");
    Rows.Attempt performed =
        claimed.perform(
            Instant.now(), Instant.now().plusSeconds(10), "c", "DONE", Map.of(), "started");
    assertThat(performed.status()).isEqualTo(AttemptStatus.PERFORMED);
    assertThat(performed.succeed("healthy").status()).isEqualTo(AttemptStatus.SUCCEEDED);
    assertThat(performed.fail("unhealthy").detail()).isEqualTo("unhealthy");
    assertThatThrownBy(() -> claimed.succeed("no call was made"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("An attempt cannot go from CLAIMED to SUCCEEDED");
    assertThatThrownBy(() -> performed.succeed("ok").fail("again"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> performed.throttle("429")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aThrottledAttemptDoesNotUseAnAttemptOfTheStep() {
    Rows.Attempt claimed =
        Rows.Attempt.claim(UUID.randomUUID(), 0, 1, "rebound-x-0-1", "databricks:cluster:c");
    assertThat(claimed.countsAsAttempt()).isTrue();
    assertThat(claimed.throttle("429 Retry-After 5").countsAsAttempt()).isFalse();
    assertThat(claimed.fail("500").countsAsAttempt()).isTrue();
  }

  @Test
  void anApprovalIsDecidedOnce() {
    Rows.Approval pending =
        new Rows.Approval(
            UUID.randomUUID(),
            UUID.randomUUID(),
            0,
            UUID.randomUUID(),
            ApprovalStatus.PENDING,
            "alice",
            Instant.now(),
            Instant.now().plusSeconds(60),
            "restart_cluster on cluster:c",
            null,
            null,
            null);
    Rows.Approval approved = pending.decide(ApprovalStatus.APPROVED, "bob", "looks right");
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.decidedBy()).isEqualTo("bob");
    assertThatThrownBy(() -> approved.decide(ApprovalStatus.EXPIRED, "rebound", "too late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("An approval cannot go from APPROVED to EXPIRED");
    assertThatThrownBy(() -> pending.decide(ApprovalStatus.PENDING, "bob", "?"))
        .isInstanceOf(IllegalStateException.class);
  }
}
