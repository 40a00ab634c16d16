package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlanStatusTest {

  @Test
  void aFinishedPlanNeverMovesAgain() {
    assertThatThrownBy(() -> PlanStatus.RESOLVED.checkCanMoveTo(PlanStatus.ESCALATED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A plan cannot go from RESOLVED to ESCALATED");
    assertThatThrownBy(() -> PlanStatus.ESCALATED.checkCanMoveTo(PlanStatus.RUNNING))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aParkedPlanCanOnlyStartOrEscalate() {
    assertThatCode(() -> PlanStatus.AWAITING_APPROVAL.checkCanMoveTo(PlanStatus.RUNNING))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PlanStatus.AWAITING_APPROVAL.checkCanMoveTo(PlanStatus.RESOLVED))
        .isInstanceOf(IllegalStateException.class);
  }
}
