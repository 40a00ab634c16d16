package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Priority;
import io.rebound.failure.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never automatic, Categories, Severity and Approval are read as data when their hidden rows are
 * the shipped ones, and compiled into rules as before when they say anything else: either way each
 * row means what its hidden rows say and the explanation names it, in the same place.
 */
class LookupSheetsTest {

  @TempDir Path dir;

  private static final String GATE_RULE = "Each action of the playbook passes the approval gate";

  @Test
  void theShippedLookupSheetsAreReadAsDataAndEveryRowThatDecidedIsNamed() {
    LoadedPolicy shipped = ShippedPolicy.ENGINE.inForce().policy();
    assertThat(shipped.compiledAsRule("Severity Severity_59")).isFalse();
    assertThat(shipped.compiledAsRule("Categories Categories_27")).isFalse();
    assertThat(shipped.compiledAsRule("Approval Approval_15")).isFalse();
    assertThat(shipped.compiledAsRule("Never automatic Never automatic_11")).isFalse();

    Evaluation e = ShippedPolicy.ENGINE.evaluateWithoutMemo(driverUnreachable());

    assertThat(e.decision().severity()).isEqualTo(Severity.HIGH);
    assertThat(e.decision().priority()).isEqualTo(Priority.P2);
    assertThat(e.decision().category()).isEqualTo("infrastructure");
    assertThat(e.decision().playbook().approvalRequiredFor()).containsExactly("scale_cluster");
    assertThat(e.explanation().stream().map(ExplanationEntry::rule).toList())
        .containsSubsequence(
            "Playbooks_27", "Categories_27", "Severity_59", GATE_RULE, "Approval_15", "Approval_17")
        .doesNotContain("Rows for the settled error type");
    assertThat(e.explanation())
        .contains(
            new ExplanationEntry("Severity_59", "decision-tables/severity.xlsx", "Severity", 59),
            new ExplanationEntry(
                "Approval_17", "decision-tables/approval-gates.xlsx", "Approval", 17));
  }

  @Test
  void aChangedSeverityHiddenRowIsCompiledAsRulesAndHonoured() {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(
        dir,
        "severity.xlsx",
        "Severity",
        "C9",
        "Assessment a = new Assessment(drools.getRule().getName());"
            + " a.setSeverity(\"$param\".equals(\"high\") ? \"critical\" : \"$param\");");

    PolicyEngine edited = PolicyEngine.fromDirectory(dir);

    assertThat(edited.inForce().policy().compiledAsRule("Severity Severity_59")).isTrue();
    assertThat(edited.inForce().policy().compiledAsRule("Categories Categories_27")).isFalse();
    Evaluation e = edited.evaluateWithoutMemo(driverUnreachable());
    assertThat(e.decision().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(e.explanation().stream().map(ExplanationEntry::rule).toList())
        .containsOnlyOnce("Severity_59", "Categories_27");
  }

  @Test
  void aChangedApprovalHiddenRowIsCompiledAsRulesAndHonoured() {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(
        dir,
        "approval-gates.xlsx",
        "Approval",
        "C9",
        "Gate g = new Gate(drools.getRule().getName(), p.getAction(), \"yes\");");

    PolicyEngine edited = PolicyEngine.fromDirectory(dir);

    assertThat(edited.inForce().policy().compiledAsRule("Approval Approval_15")).isTrue();
    Evaluation e = edited.evaluateWithoutMemo(driverUnreachable());
    assertThat(e.decision().playbook().approvalRequiredFor())
        .containsExactly("restart_cluster", "scale_cluster");
    List<String> rules = e.explanation().stream().map(ExplanationEntry::rule).toList();
    assertThat(rules).containsOnlyOnce(GATE_RULE, "Approval_15", "Approval_17");
    assertThat(rules).containsSubsequence(GATE_RULE, "Approval_15", "Approval_17");
  }

  private static FailureFact driverUnreachable() {
    return Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
  }
}
