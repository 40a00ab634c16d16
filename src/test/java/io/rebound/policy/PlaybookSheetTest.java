package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Playbooks sheet is read as data when its hidden rows are the shipped ones, and compiled into
 * rules as before when they say anything else: either way a row means what its hidden rows say.
 */
class PlaybookSheetTest {

  @TempDir Path dir;

  private static final String DRIVER_ROW = "Playbooks Playbooks_27";

  @Test
  void theShippedPlaybooksSheetIsReadAsDataAndStillNamesItsRow() {
    LoadedPolicy shipped = ShippedPolicy.ENGINE.inForce().policy();

    assertThat(shipped.compiledAsRule(DRIVER_ROW)).isFalse();
    assertThat(shipped.compiledAsRule("Cluster terminations Cluster terminations_88")).isTrue();
    Evaluation e = ShippedPolicy.ENGINE.evaluateWithoutMemo(driverUnreachable());
    assertThat(e.decision().playbook().action()).isEqualTo("restart_cluster");
    assertThat(e.explanation())
        .contains(
            new ExplanationEntry("Playbooks_27", "decision-tables/playbooks.xlsx", "Playbooks", 27))
        .noneMatch(entry -> entry.rule().equals("Rows for the settled error type"));
  }

  @Test
  void aChangedHiddenRowIsCompiledAsRulesAndHonoured() {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(
        dir,
        "playbooks.xlsx",
        "Playbooks",
        "I9",
        "p.setCircuitBreakerThreshold($param * 2); insert(p);");

    PolicyEngine edited = PolicyEngine.fromDirectory(dir);

    assertThat(edited.inForce().policy().compiledAsRule(DRIVER_ROW)).isTrue();
    Evaluation e = edited.evaluateWithoutMemo(driverUnreachable());
    assertThat(e.decision().playbook().circuitBreakerThreshold()).isEqualTo(10);
    assertThat(e.explanation())
        .containsOnlyOnce(
            new ExplanationEntry(
                "Playbooks_27", "decision-tables/playbooks.xlsx", "Playbooks", 27));
  }

  private static io.rebound.failure.FailureFact driverUnreachable() {
    return Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
  }
}
