package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint on copies of the shipped policy, each broken in one way ops could break it. */
class PolicyLintTest {

  @Test
  void theShippedPolicyHasNoLintErrors() {
    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(ShippedPolicy.DIR));
    assertThat(report.errors()).isEmpty();
  }

  @Test
  void anActionWithNoGateRowInOneEnvironmentIsAnErrorNamingThePlaybookCell(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    String gate =
        PolicyCopies.cellOf(
            dir, "approval-gates.xlsx", "Approval", "Action", "scale_cluster", "Action");
    // the first scale_cluster row is production's; pointing it at another action removes the gate
    PolicyCopies.setCell(dir, "approval-gates.xlsx", "Approval", gate, "escalate");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.errors())
        .contains(
            "playbooks.xlsx, sheet Playbooks, cell "
                + firstUse(dir, "scale_cluster")
                + ": action 'scale_cluster' has no row in approval-gates.xlsx, sheet Approval for"
                + " production; add one saying whether it needs approval");
  }

  @Test
  void anErrorTypeWithNoPlaybookIsAnErrorNamingTheCellThatProducesIt(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    String type =
        PolicyCopies.cellOf(
            dir,
            "playbooks.xlsx",
            "Playbooks",
            "Error type",
            "DatabricksTableNotFound",
            "Error type");
    // the row now repeats another type's conditions with the same outcome: only the gap remains
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", type, "DatabricksPermissionDenied");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .matches(
                        "classification\\.xlsx, sheet [^,]+, cell [A-Z]+[0-9]+: error type"
                            + " 'DatabricksTableNotFound' has no playbook in production; add a"
                            + " row for it to playbooks\\.xlsx, sheet Playbooks"));
  }

  @Test
  void aRenamedHeaderRefusesThePolicyNamingItsCellInsteadOfSkippingTheColumnsChecks(
      @TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C10", "Max retry");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C11", "three");
    String expected =
        "playbooks.xlsx, sheet Playbooks, cell C10: 'Max retry' is not a column Rebound knows, so"
            + " nothing in this column could be checked; use the header as shipped (for example"
            + " 'Max retries', 'Backoff (s)')";

    assertThat(PolicyLint.lint(PolicyFiles.fromDirectory(dir)).errors()).contains(expected);
    assertThatThrownBy(() -> PolicyEngine.fromDirectory(dir))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class, e -> assertThat(e.problems()).containsExactly(expected));
  }

  @Test
  void anActionNoPlaybookUsesIsAWarning(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    for (String type :
        new String[] {
          "DatabricksClusterStartFailure",
          "DatabricksDriverNotResponding",
          "ClusterUnexpectedTermination"
        }) {
      String cell =
          PolicyCopies.cellOf(dir, "playbooks.xlsx", "Playbooks", "Error type", type, "Action");
      PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, "scale_cluster");
    }
    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));
    assertThat(report.warnings())
        .contains("playbooks.xlsx, sheet Playbooks: no playbook uses the action 'restart_cluster'");
  }

  @Test
  void aRowHiddenBehindAnEmptyConditionCellIsAnOverlapWarning(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    // row 11: LIBRARY_INSTALLATION_ERROR in any result state; row 12 now the same code when FAILED
    PolicyCopies.setCell(
        dir, "classification.xlsx", "Run terminations", "A12", "LIBRARY_INSTALLATION_ERROR");
    PolicyCopies.setCell(dir, "classification.xlsx", "Run terminations", "B12", "FAILED");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.warnings())
        .contains(
            "classification.xlsx, sheet Run terminations, cell A11: row 11 (an empty cell means"
                + " any) also matches what row 12 matches, and decides differently; check which"
                + " one should win, or fill the empty cell so only one matches");
    assertThat(PolicyLint.lint(PolicyFiles.fromDirectory(ShippedPolicy.DIR)).warnings())
        .noneMatch(w -> w.contains("cell A11: row 11"));
  }

  @Test
  void theCommandExitsZeroOnTheShippedPolicyAndOneWithTheSameMessagesOnABrokenOne(
      @TempDir Path dir) {
    Output ok = lint(ShippedPolicy.DIR.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.text()).containsPattern(": 0 errors, \\d+ warnings?");

    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C10", "Max retry");
    Output broken = lint(dir.toString());
    assertThat(broken.code()).isOne();
    for (String error : PolicyLint.lint(PolicyFiles.fromDirectory(dir)).errors()) {
      assertThat(broken.text()).contains("ERROR " + error);
    }

    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C10", "Max retries");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C11", "three");
    Output invalid = lint(dir.toString());
    assertThat(invalid.code()).isOne();
    assertThat(invalid.text()).contains("cell C11: 'three' is not a number of retries");

    assertThat(lint(dir.resolve("missing").toString()).code()).isEqualTo(2);
  }

  private record Output(int code, String text) {}

  private static Output lint(String folder) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        PolicyLintCommand.run(
            new String[] {folder}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Output(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static String firstUse(Path dir, String action) {
    var t = PolicyCopies.table(dir, "playbooks.xlsx", "Playbooks");
    for (var r : t.rows()) {
      if (action.equals(r.value(t.column("Action")))) {
        return t.cellRef(r, t.column("Action"));
      }
    }
    throw new AssertionError(action + " is not used");
  }
}
