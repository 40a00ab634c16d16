package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rebound.failure.Environment;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken workbook or rule file is refused with the file, sheet, cell and problem named. */
class PolicyValidationTest {

  @TempDir Path dir;

  private InvalidPolicyException loadBroken() {
    return catchThrowableOfType(
        InvalidPolicyException.class, () -> PolicyEngine.fromDirectory(dir));
  }

  @Test
  void aWordInMaxRetriesNamesTheCell() {
    PolicyCopies.copyShipped(dir);
    String cell =
        PolicyCopies.cellOf(
            dir, "playbooks.xlsx", "Playbooks", "Error type", "GatewayTimeout", "Max retries");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, "three");

    InvalidPolicyException e = loadBroken();

    assertThat(e.problems())
        .containsExactly(
            "playbooks.xlsx, sheet Playbooks, cell "
                + cell
                + ": 'three' is not a number of retries (write a whole number such as 3)");
    assertThat(e.getMessage()).contains("has 1 problem:").contains(dir.toString());
  }

  @Test
  void anUnknownActionNamesTheCell() {
    PolicyCopies.copyShipped(dir);
    String cell =
        PolicyCopies.cellOf(
            dir,
            "playbooks.xlsx",
            "Playbooks",
            "Error type",
            "DatabricksDriverNotResponding",
            "Action");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, "reboot_everything");

    assertThat(loadBroken().problems())
        .singleElement()
        .asString()
        .startsWith(
            "playbooks.xlsx, sheet Playbooks, cell "
                + cell
                + ": 'reboot_everything' is not a known action")
        .contains("restart_cluster");
  }

  @Test
  void anUnknownErrorTypeNamesTheCell() {
    PolicyCopies.copyShipped(dir);
    Table severity = PolicyCopies.table(dir, "severity.xlsx", "Severity");
    DataRow first = severity.rows().get(0);
    String cell = severity.cellRef(first, severity.column("Error type"));
    PolicyCopies.setCell(dir, "severity.xlsx", "Severity", cell, "GatewayTimeOut");

    assertThat(loadBroken().problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "severity.xlsx, sheet Severity, cell "
                            + cell
                            + ": 'GatewayTimeOut' is not a known error type"));
  }

  @Test
  void aBackoffShorterThanTheRetriesNamesTheCell() {
    PolicyCopies.copyShipped(dir);
    String cell =
        PolicyCopies.cellOf(
            dir, "playbooks.xlsx", "Playbooks", "Error type", "GatewayTimeout", "Backoff (s)");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, "10, 30");

    assertThat(loadBroken().problems())
        .containsExactly(
            "playbooks.xlsx, sheet Playbooks, cell "
                + cell
                + ": 2 waits for 3 retries; give one wait in seconds per retry, for example '10,"
                + " 30, 60'");
  }

  @Test
  void twoRowsWithTheSameConditionsAndDifferentOutcomesAreRefused() {
    PolicyCopies.copyShipped(dir);
    Table approval = PolicyCopies.table(dir, "approval-gates.xlsx", "Approval");
    DataRow first = approval.rows().get(0);
    int newRow = approval.rows().get(approval.rows().size() - 1).row() + 1;
    String env = first.value(approval.column("Environment"));
    String action = first.value(approval.column("Action"));
    boolean needs =
        io.rebound.policy.facts.PolicyLists.yes(first.value(approval.column("Needs approval")));
    PolicyCopies.setCell(dir, "approval-gates.xlsx", "Approval", "A" + newRow, env);
    PolicyCopies.setCell(dir, "approval-gates.xlsx", "Approval", "B" + newRow, action);
    PolicyCopies.setCell(
        dir, "approval-gates.xlsx", "Approval", "C" + newRow, needs ? "no" : "yes");
    PolicyCopies.setCell(dir, "approval-gates.xlsx", "Approval", "D" + newRow, "copied by mistake");

    assertThat(loadBroken().problems())
        .containsExactly(
            "approval-gates.xlsx, sheet Approval, cell A"
                + newRow
                + ": row "
                + newRow
                + " has the same conditions as row "
                + first.row()
                + " but a different outcome; keep only one of them");
  }

  @Test
  void aDrlSyntaxErrorNamesTheFileAndLine() throws IOException {
    PolicyCopies.copyShipped(dir);
    Files.writeString(
        dir.resolve("rules/local-overrides.drl"),
        """
        package io.rebound.policy;

        rule "Half-written rule"
        when
          PolicyInput( platform == "databricks"
        then
        end
        """);

    InvalidPolicyException e = loadBroken();

    assertThat(e.problems()).isNotEmpty();
    assertThat(e.problems()).allMatch(p -> p.startsWith("rules/local-overrides.drl, line "));
    assertThat(e.getMessage()).doesNotContain("null Package");
  }

  @Test
  void theInvariantsOverruleARowThatGivesANeverAutomaticTypeAnAction() {
    PolicyCopies.copyShipped(dir);
    String type = "AuthenticationError";
    set("Action", type, "retry_pipeline");
    set("Max retries", type, 1);
    set("Backoff (s)", type, "30");
    set("Timeout (s)", type, 600);
    set("Health check", type, "pipeline_succeeded");
    set("Circuit breaker after (failures)", type, 3);
    PolicyEngine engine = PolicyEngine.fromDirectory(dir);

    Decision d =
        engine
            .evaluate(Facts.adf("3200", null, null, "Error 403.", Environment.DEVELOPMENT))
            .decision();

    assertThat(d.errorType()).isEqualTo(type);
    assertThat(d.remediable()).isFalse();
    assertThat(d.playbook().action()).isEqualTo("escalate");
    assertThat(d.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("Escalated to a human: the error type is never remediated")
                    .endsWith("(rules/invariants.drl)"));
  }

  @Test
  void theJarCarriesTheSameFilesOpsEdit() {
    assertThat(PolicyFiles.shipped().files().keySet())
        .isEqualTo(PolicyFiles.fromDirectory(ShippedPolicy.DIR).files().keySet());
    assertThat(PolicyFiles.shipped().version())
        .isEqualTo(PolicyFiles.fromDirectory(ShippedPolicy.DIR).version())
        .isEqualTo(ShippedPolicy.ENGINE.policyVersion());
  }

  private void set(String header, String errorType, Object value) {
    String cell =
        PolicyCopies.cellOf(dir, "playbooks.xlsx", "Playbooks", "Error type", errorType, header);
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, value);
  }
}
