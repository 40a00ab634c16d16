package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GateRowsTest {

  private static final PolicyEngine POLICY = ShippedPolicy.ENGINE;
  private static final Table APPROVAL = Workbooks.table("approval-gates.xlsx", "Approval");
  private static final Table NEVER = Workbooks.table("approval-gates.xlsx", "Never automatic");
  private static final Table PLAYBOOKS = Workbooks.table("playbooks.xlsx", "Playbooks");

  /** The first remediable error type whose playbook starts with each action. */
  private static Map<String, String> typeByAction() {
    Map<String, String> map = new LinkedHashMap<>();
    for (DataRow r : PLAYBOOKS.rows()) {
      map.putIfAbsent(r.value(PLAYBOOKS.column("Action")), r.value(PLAYBOOKS.column("Error type")));
    }
    return map;
  }

  static Stream<Arguments> approvalRows() {
    return APPROVAL.rows().stream()
        .map(
            r ->
                Arguments.of(
                    r.value(APPROVAL.column("Environment")),
                    r.value(APPROVAL.column("Action")),
                    r));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("approvalRows")
  void everyApprovalRowGatesItsActionInItsEnvironment(String env, String action, DataRow row) {
    String type = typeByAction().get(action);
    if (type == null) {
      // no shipped playbook starts with this action (start_cluster): the row is ready for one
      assertThat(action).isEqualTo("start_cluster");
      return;
    }
    Environment environment = Environment.fromId(env).orElseThrow();
    FailureFact fact = FactsByErrorType.factFor(type, environment).orElseThrow();
    Evaluation e = POLICY.evaluate(fact);
    assertThat(e.decision().playbook().action()).isEqualTo(action);
    assertThat(e.explanation())
        .contains(
            new ExplanationEntry(
                APPROVAL.ruleName(row),
                "decision-tables/approval-gates.xlsx",
                "Approval",
                row.row()));
    boolean needs =
        io.rebound.policy.facts.PolicyLists.yes(row.value(APPROVAL.column("Needs approval")));
    assertThat(e.decision().approvalRequired()).isEqualTo(needs);
    assertThat(e.decision().playbook().needsApproval(action)).isEqualTo(needs);
  }

  @Test
  void scaleInProductionNeedsApprovalRestartDoesNotDevelopmentIsAutomatic() {
    Decision scaleProd = decide("DatabricksResourceExhausted", Environment.PRODUCTION);
    Decision restartProd = decide("DatabricksDriverNotResponding", Environment.PRODUCTION);
    assertThat(scaleProd.playbook().action()).isEqualTo("scale_cluster");
    assertThat(scaleProd.approvalRequired()).isTrue();
    assertThat(restartProd.approvalRequired()).isFalse();
    for (String type : typeByAction().values()) {
      Decision dev = decide(type, Environment.DEVELOPMENT);
      assertThat(dev.approvalRequired()).as(type + " in development").isFalse();
    }
  }

  static Stream<String> neverAutomatic() {
    return NEVER.rows().stream().map(r -> r.value(NEVER.column("Error type")));
  }

  @ParameterizedTest
  @MethodSource("neverAutomatic")
  void neverAutomaticErrorTypesEscalateInEveryEnvironment(String type) {
    for (Environment env : Environment.values()) {
      Optional<FailureFact> fact = FactsByErrorType.factFor(type, env);
      assertThat(fact).as("a classification row for " + type).isPresent();
      Decision d = POLICY.evaluate(fact.get()).decision();
      assertThat(d.errorType()).isEqualTo(type);
      assertThat(d.remediable()).isFalse();
      assertThat(d.playbook().action()).isEqualTo("escalate");
      assertThat(d.reasons()).anyMatch(r -> r.startsWith("Never automatic: "));
    }
  }

  @Test
  void permissionAuthenticationAndSchemaErrorsAreNeverAutoRemediated() {
    assertThat(neverAutomatic())
        .contains(
            "DatabricksPermissionDenied",
            "AuthenticationError",
            "UserErrorColumnNameInvalid",
            "UserErrorInvalidDataType",
            "DatabricksTableNotFound");
  }

  private static Decision decide(String type, Environment env) {
    return POLICY.evaluate(FactsByErrorType.factFor(type, env).orElseThrow()).decision();
  }
}
