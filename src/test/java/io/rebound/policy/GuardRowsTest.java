package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.ResourceState.ActionState;
import io.rebound.policy.ResourceState.PlaybookRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each shipped row of guards.xlsx, over the same production cluster failure whose playbook restarts
 * the cluster on its own: the row changes the decision, names itself in the reasons and in the
 * explanation, and the state just below its threshold leaves the decision alone.
 */
class GuardRowsTest {

  private static final PolicyEngine POLICY = ShippedPolicy.ENGINE;
  private static final FailureFact CLUSTER =
      Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
  private static final String BREAKER = "databricks:restart_cluster:1234-567890-reef123";

  @Test
  void withNothingHappeningBeforeTheRestartRunsOnItsOwn() {
    Evaluation e = POLICY.evaluate(CLUSTER, ResourceState.NONE);

    assertThat(e.decision().remediable()).isTrue();
    assertThat(e.decision().approvalRequired()).isFalse();
    assertThat(e.decision().reasons()).noneMatch(r -> r.contains("guards.xlsx"));
    assertThat(e.state()).isEqualTo(StateFacts.NONE);
  }

  @Test
  void anOpenBreakerEscalatesNamingTheBreakerAndTheRow() {
    Evaluation e = POLICY.evaluate(CLUSTER, actions(new ActionState(BREAKER, 0, false)));

    assertEscalatedBy(e, 11);
    assertThat(e.decision().reasons())
        .anyMatch(r -> r.contains("open breaker: " + BREAKER) && r.endsWith("Guards, row 11)"));
    assertThat(e.state().breakerOpen()).isTrue();
    assertThat(e.state().breaker()).isEqualTo(BREAKER);
  }

  @Test
  void aBreakerOpenForAnotherActionDoesNotStopThisOne() {
    ResourceState state =
        new ResourceState(
            0,
            0,
            0,
            Map.of("scale_cluster", new ActionState("databricks:scale_cluster:x", 0, false)),
            ResourceState.PlaybookHistory.NONE,
            StateOverrides.NONE);

    assertThat(POLICY.evaluate(CLUSTER, state).decision().remediable()).isTrue();
  }

  @Test
  void theFourthFailureOfTheHourEscalatesTheThirdDoesNot() {
    assertThat(POLICY.evaluate(CLUSTER, failures(2)).decision().remediable()).isTrue();

    Evaluation fourth = POLICY.evaluate(CLUSTER, failures(3));
    assertEscalatedBy(fourth, 12);
    assertThat(POLICY.evaluate(CLUSTER, failures(40)).decision()).isEqualTo(fourth.decision());
  }

  @Test
  void aPlaybookThatRarelyWorksWaitsForAPerson() {
    Evaluation e = POLICY.evaluate(CLUSTER, history(new PlaybookRecord(10, 2, 600L)));

    assertThat(e.decision().remediable()).isTrue();
    assertThat(e.decision().approvalRequired()).isTrue();
    assertThat(e.decision().playbook().action()).isEqualTo("restart_cluster");
    assertThat(e.decision().playbook().approvalRequiredFor())
        .containsExactly("restart_cluster", "scale_cluster");
    assertThat(e.decision().reasons())
        .anyMatch(r -> r.startsWith("Needs approval by a guard") && r.endsWith("Guards, row 13)"));
    assertThat(e.explanation()).last().satisfies(entry -> assertGuardRow(entry, 13));
    assertThat(e.state().playbookSuccessRate()).isEqualTo(20.0);
    assertThat(e.state().playbookMedianSecondsToResolve()).isEqualTo(600L);
  }

  @Test
  void theSuccessRateGuardNeedsEnoughRunsAndALowEnoughRate() {
    assertThat(POLICY.evaluate(CLUSTER, history(new PlaybookRecord(9, 0, null))).decision())
        .as("9 runs are too few to judge")
        .returns(false, Decision::approvalRequired);
    assertThat(POLICY.evaluate(CLUSTER, history(new PlaybookRecord(10, 3, 60L))).decision())
        .as("30 % is not below 30 %")
        .returns(false, Decision::approvalRequired);
    assertThat(POLICY.evaluate(CLUSTER, history(new PlaybookRecord(1000, 299, 60L))).decision())
        .as("29.9 %")
        .returns(true, Decision::approvalRequired);
  }

  @Test
  void aSpentBudgetEscalates() {
    assertEscalatedBy(POLICY.evaluate(CLUSTER, actions(new ActionState(null, 5, true))), 14);
  }

  @Test
  void escalationWinsWhenAnApprovalRowAlsoMatches() {
    ResourceState state =
        new ResourceState(
            3,
            3,
            1,
            Map.of(),
            (type, action) -> new PlaybookRecord(10, 0, null),
            StateOverrides.NONE);

    Evaluation e = POLICY.evaluate(CLUSTER, state);

    assertThat(e.decision().remediable()).isFalse();
    assertThat(e.decision().reasons())
        .anyMatch(r -> r.endsWith("Guards, row 12)"))
        .anyMatch(r -> r.endsWith("Guards, row 13)"));
  }

  @Test
  void aDecisionAlreadyEscalatedOrNotAFailureIsLeftAlone() {
    FailureFact permission =
        Facts.jobRun(
            "PERMISSION_DENIED", "CLIENT_ERROR", "FAILED", "no access", Environment.PRODUCTION);
    Evaluation e = POLICY.evaluate(permission, failures(10));

    assertThat(e.decision()).isEqualTo(POLICY.evaluate(permission).decision());
    assertThat(e.decision().reasons()).noneMatch(r -> r.contains("guards.xlsx"));
  }

  private static void assertEscalatedBy(Evaluation e, int row) {
    Decision d = e.decision();
    assertThat(d.failure()).isTrue();
    assertThat(d.remediable()).isFalse();
    assertThat(d.playbook().action()).isEqualTo("escalate");
    assertThat(d.errorType()).isEqualTo("DatabricksDriverNotResponding");
    assertThat(d.reasons())
        .anyMatch(
            r ->
                r.startsWith("Escalated to a human by a guard: ")
                    && r.endsWith("(guards.xlsx, Guards, row " + row + ")"));
    assertThat(e.explanation()).last().satisfies(entry -> assertGuardRow(entry, row));
  }

  private static void assertGuardRow(ExplanationEntry entry, int row) {
    assertThat(entry.file()).isEqualTo("decision-tables/guards.xlsx");
    assertThat(entry.sheet()).isEqualTo("Guards");
    assertThat(entry.row()).isEqualTo(row);
  }

  private static ResourceState actions(ActionState restart) {
    return new ResourceState(
        0,
        0,
        0,
        Map.of("restart_cluster", restart),
        ResourceState.PlaybookHistory.NONE,
        StateOverrides.NONE);
  }

  private static ResourceState failures(int lastHour) {
    return new ResourceState(
        lastHour, lastHour, 0, Map.of(), ResourceState.PlaybookHistory.NONE, StateOverrides.NONE);
  }

  private static ResourceState history(PlaybookRecord restart) {
    return new ResourceState(
        0,
        0,
        0,
        Map.of(),
        (type, action) ->
            type.equals("DatabricksDriverNotResponding") && action.equals("restart_cluster")
                ? restart
                : PlaybookRecord.NONE,
        StateOverrides.NONE);
  }
}
