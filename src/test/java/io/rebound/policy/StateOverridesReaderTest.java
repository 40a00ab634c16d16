package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The what-if's "state": what it may say, and the message when it says something else. */
class StateOverridesReaderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyStateFactCanBeSet() {
    StateOverrides o =
        read(
            "{\"breakerOpen\": true, \"breaker\": \"platform:databricks\", \"failuresLastHour\": 4,"
                + " \"failuresLastDay\": 9, \"openIncidents\": 2, \"actionsLastHour\": 6,"
                + " \"budgetExhausted\": true, \"playbookRuns\": 12, \"playbookSuccessRate\": 25.5,"
                + " \"playbookMedianSecondsToResolve\": 420}");

    assertThat(o)
        .isEqualTo(
            new StateOverrides(true, "platform:databricks", 4, 9, 2, 6, true, 12, 25.5, 420L));
    StateFacts facts = o.applyTo(StateFacts.NONE);
    assertThat(facts.breakerOpen()).isTrue();
    assertThat(facts.breaker()).isEqualTo("platform:databricks");
    assertThat(facts.failuresLastHour()).isEqualTo(4);
  }

  @Test
  void whatIsNotSetKeepsTheGatheredValue() {
    StateFacts gathered = new StateFacts(true, "b", 5, 6, 1, 2, false, 3, 50.0, 60L);

    StateFacts facts = read("{\"failuresLastHour\": 0}").applyTo(gathered);

    assertThat(facts).isEqualTo(new StateFacts(true, "b", 0, 6, 1, 2, false, 3, 50.0, 60L));
    assertThat(read("{\"breakerOpen\": false}").applyTo(gathered).breaker()).isNull();
    assertThat(read("null")).isEqualTo(StateOverrides.NONE);
  }

  @Test
  void eachWrongValueNamesItsField() {
    assertThat(problem("[1]")).startsWith("\"state\" must be a JSON object");
    assertThat(problem("{\"breakerOpen\": \"yes\"}"))
        .isEqualTo("\"state.breakerOpen\" must be true or false; got \"yes\".");
    assertThat(problem("{\"failuresLastHour\": 3.5}"))
        .startsWith("\"state.failuresLastHour\" must be a count: a whole number from 0 to");
    assertThat(problem("{\"failuresLastDay\": 100000000000000000000000000000}"))
        .startsWith("\"state.failuresLastDay\" must be a count");
    assertThat(problem("{\"playbookSuccessRate\": 101}"))
        .isEqualTo("\"state.playbookSuccessRate\" must be a percentage from 0 to 100; got 101.");
    assertThat(problem("{\"breaker\": 7}")).startsWith("\"state.breaker\" must be the breaker's");
    assertThat(problem("{\"failures\": 3}"))
        .startsWith("\"state.failures\" is not a state fact; use breakerOpen, breaker,");
  }

  private static StateOverrides read(String json) {
    return StateOverridesReader.read(JSON.readTree(json));
  }

  private static String problem(String json) {
    return catchThrowableOfType(StateOverridesReader.BadState.class, () -> read(json)).getMessage();
  }
}
