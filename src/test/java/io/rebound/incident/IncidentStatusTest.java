package io.rebound.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentStatusTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "OPEN, DECIDED",
    "DECIDED, REMEDIATING",
    "DECIDED, RESOLVED",
    "DECIDED, ESCALATED",
    "DECIDED, SUPPRESSED",
    "REMEDIATING, RESOLVED",
    "REMEDIATING, ESCALATED"
  })
  void allowedTransitions(IncidentStatus from, IncidentStatus to) {
    assertThat(from.moveTo(to)).isEqualTo(to);
  }

  @ParameterizedTest(name = "{0} ↛ {1}")
  @CsvSource({
    "OPEN, REMEDIATING",
    "OPEN, RESOLVED",
    "DECIDED, OPEN",
    "REMEDIATING, SUPPRESSED",
    "REMEDIATING, DECIDED",
    "ESCALATED, RESOLVED",
    "RESOLVED, REMEDIATING",
    "SUPPRESSED, DECIDED",
    "RESOLVED, RESOLVED"
  })
  void illegalTransitionsThrowNamingBothStates(IncidentStatus from, IncidentStatus to) {
    assertThatThrownBy(() -> from.moveTo(to))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(from.name())
        .hasMessageContaining(to.name());
  }

  @Test
  void escalatedIncidentsStillTakeRepeatsResolvedAndSuppressedOnesDoNot() {
    assertThat(IncidentStatus.values())
        .filteredOn(IncidentStatus::absorbsRepeats)
        .containsExactly(
            IncidentStatus.OPEN,
            IncidentStatus.DECIDED,
            IncidentStatus.REMEDIATING,
            IncidentStatus.ESCALATED);
  }

  @Test
  void onlyUnfinishedIncidentsAreOpen() {
    assertThat(IncidentStatus.values())
        .filteredOn(IncidentStatus::isOpen)
        .containsExactly(IncidentStatus.OPEN, IncidentStatus.DECIDED, IncidentStatus.REMEDIATING);
  }
}
