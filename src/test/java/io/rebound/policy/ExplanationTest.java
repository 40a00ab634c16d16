package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import org.junit.jupiter.api.Test;

class ExplanationTest {

  @Test
  void theExplanationPointsAtTheRowThatHoldsThePlaybook() {
    Evaluation e =
        ShippedPolicy.ENGINE.evaluate(
            Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION));

    ExplanationEntry playbookRow =
        e.explanation().stream()
            .filter(x -> "decision-tables/playbooks.xlsx".equals(x.file()))
            .findFirst()
            .orElseThrow();
    assertThat(playbookRow.sheet()).isEqualTo("Playbooks");

    // open the workbook as ops would and read that row
    String errorType =
        PolicyCopies.readCell(
            ShippedPolicy.DIR, "playbooks.xlsx", "Playbooks", playbookRow.row(), 0);
    String action =
        PolicyCopies.readCell(
            ShippedPolicy.DIR, "playbooks.xlsx", "Playbooks", playbookRow.row(), 1);
    assertThat(errorType).isEqualTo("DatabricksDriverNotResponding");
    assertThat(action).isEqualTo(e.decision().playbook().action());
    assertThat(e.decision().reasons())
        .contains(
            "Playbook restart_cluster: up to 1 retry, waiting 60 s, then scale_cluster (playbooks.xlsx,"
                + " Playbooks, row "
                + playbookRow.row()
                + ")");
  }

  @Test
  void everyFiredRuleIsListedInOrderWithItsHomeAndThePolicyVersion() {
    Evaluation e =
        ShippedPolicy.ENGINE.evaluate(
            Facts.adf("2108", null, 504, "Error calling the endpoint", Environment.STAGING));
    assertThat(e.explanation()).allSatisfy(x -> assertThat(x.file()).isNotNull());
    assertThat(e.explanation())
        .extracting(ExplanationEntry::file)
        .contains(
            "decision-tables/classification.xlsx",
            "decision-tables/severity.xlsx",
            "decision-tables/playbooks.xlsx",
            "decision-tables/approval-gates.xlsx")
        .contains("rules/classification-flow.drl");
    assertThat(e.explanation())
        .filteredOn(x -> x.file().endsWith(".drl"))
        .allSatisfy(x -> assertThat(x.sheet()).isNull());
    assertThat(e.policyVersion())
        .isEqualTo(ShippedPolicy.ENGINE.policyVersion())
        .matches("sha256:[0-9a-f]{16}");
    assertThat(e.decision().reasons()).hasSize(5);
  }
}
