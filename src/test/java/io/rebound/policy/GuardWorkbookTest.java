package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * guards.xlsx as ops edit it: a wrong cell is refused with its place, an edited row changes the
 * decision, and a policy without the workbook (stored before guards existed) still decides.
 */
class GuardWorkbookTest {

  @TempDir Path dir;

  private static final FailureFact CLUSTER =
      Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);

  @Test
  void wrongGuardCellsAreRefusedNamingWorkbookSheetAndCell() {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(dir, "guards.xlsx", "Guards", "D11", "Yes");
    PolicyCopies.setCell(dir, "guards.xlsx", "Guards", "E12", "three");
    PolicyCopies.setCell(dir, "guards.xlsx", "Guards", "J13", 130);
    PolicyCopies.setCell(dir, "guards.xlsx", "Guards", "K14", "retry");
    PolicyCopies.setCell(dir, "guards.xlsx", "Guards", "L11", "");

    InvalidPolicyException e =
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyEngine.fromDirectory(dir));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "guards.xlsx, sheet Guards, cell D11: 'Yes' is not yes or no (write it in lower case)",
            "guards.xlsx, sheet Guards, cell E12: 'three' is not a count (write a whole number"
                + " such as 3)",
            "guards.xlsx, sheet Guards, cell J13: 130 is out of range for a percentage (1 to 100)",
            "guards.xlsx, sheet Guards, cell K14: 'retry' is not a known guard outcome (use one"
                + " of: escalate, ask for approval)",
            "guards.xlsx, sheet Guards, cell L11: 'Why' is empty; every row needs a value here");
  }

  @Test
  void anEditedThresholdChangesWhenTheGuardEscalates() {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(dir, "guards.xlsx", "Guards", "E12", 5);
    PolicyEngine edited = PolicyEngine.fromDirectory(dir);

    assertThat(edited.evaluate(CLUSTER, failures(4)).decision().remediable()).isTrue();
    assertThat(edited.evaluate(CLUSTER, failures(5)).decision().remediable()).isFalse();
    assertThat(edited.evaluate(CLUSTER, failures(500)).decision().reasons())
        .anyMatch(r -> r.endsWith("(guards.xlsx, Guards, row 12)"));
  }

  @Test
  void aPolicyWithoutGuardsXlsxDecidesAsBeforeGuardsExisted() throws Exception {
    PolicyCopies.copyShipped(dir);
    Files.delete(dir.resolve("decision-tables/guards.xlsx"));
    PolicyEngine old = PolicyEngine.fromDirectory(dir);

    Evaluation e = old.evaluate(CLUSTER, failures(10));

    assertThat(e.decision().remediable()).isTrue();
    assertThat(e.decision().reasons()).noneMatch(r -> r.contains("guards.xlsx"));
    assertThat(e.state().failuresLastHour()).as("the state is still shown").isEqualTo(10);
    assertThat(PolicyLint.lint(PolicyFiles.fromDirectory(dir)).errors()).isEmpty();
  }

  private static ResourceState failures(int lastHour) {
    return new ResourceState(
        lastHour, lastHour, 0, Map.of(), ResourceState.PlaybookHistory.NONE, StateOverrides.NONE);
  }
}
