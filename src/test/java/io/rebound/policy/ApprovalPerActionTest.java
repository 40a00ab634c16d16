package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import org.junit.jupiter.api.Test;

/**
 * Each action a plan may take is gated on its own, and a chained playbook carries its own gates.
 */
class ApprovalPerActionTest {

  private static final PolicyEngine POLICY = ShippedPolicy.ENGINE;

  @Test
  void aProductionRestartRunsAloneButItsScaleFallbackWaitsForAPerson() {
    Decision d =
        POLICY
            .evaluate(
                Facts.clusterTerminated(
                    "DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION))
            .decision();

    assertThat(d.playbook().action()).isEqualTo("restart_cluster");
    assertThat(d.playbook().fallbacks()).containsExactly("scale_cluster");
    assertThat(d.approvalRequired()).as("the restart itself").isFalse();
    assertThat(d.playbook().approvalRequiredFor()).containsExactly("scale_cluster");
    assertThat(d.reasons())
        .anyMatch(r -> r.startsWith("Needs approval") && r.contains("scale_cluster"))
        .anyMatch(r -> r.startsWith("No approval needed") && r.contains("restart_cluster"));
  }

  @Test
  void inStagingNoActionOfThePlanWaits() {
    Decision d =
        POLICY
            .evaluate(
                Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.STAGING))
            .decision();

    assertThat(d.approvalRequired()).isFalse();
    assertThat(d.playbook().approvalRequiredFor()).isEmpty();
  }

  @Test
  void aGatedFirstActionIsListedAndMakesTheDecisionWait() {
    Decision d =
        POLICY.evaluate(Facts.libraryFailure("pandas==2.1.4", Environment.PRODUCTION)).decision();

    assertThat(d.playbook().action()).isEqualTo("reinstall_library");
    assertThat(d.approvalRequired()).isTrue();
    assertThat(d.playbook().approvalRequiredFor()).containsExactly("reinstall_library");
  }

  @Test
  void theChainedPlaybookIsTheOneItsRowHoldsWithItsOwnGates() {
    Decision oom =
        POLICY
            .evaluate(
                Facts.databricksMessage(
                    "java.lang.OutOfMemoryError: Java heap space", Environment.PRODUCTION))
            .decision();
    assertThat(oom.playbook().chain()).isEqualTo("DatabricksTimeoutError");

    Playbook chained =
        POLICY.playbookFor(oom.playbook().chain(), Environment.PRODUCTION).orElseThrow();

    Playbook direct =
        POLICY
            .evaluate(Facts.jobRun(null, null, "TIMEDOUT", "Run timed out", Environment.PRODUCTION))
            .decision()
            .playbook();
    assertThat(chained).isEqualTo(direct);
    assertThat(chained.action()).isEqualTo("retry_job");
  }

  @Test
  void aChainToAnErrorTypeNobodyMayAutomateEscalates() {
    Playbook p =
        POLICY.playbookFor("DatabricksPermissionDenied", Environment.DEVELOPMENT).orElseThrow();

    assertThat(p.action()).isEqualTo("escalate");
    assertThat(p.approvalRequiredFor()).isEmpty();
  }
}
