package io.rebound.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What is happening on the failure's resource, as a what-if request sets it ({@code "state"}), and
 * what the answer says it decided with.
 */
public class StateSteps {

  private final ScenarioState state;

  public StateSteps(ScenarioState state) {
    this.state = state;
  }

  private ObjectNode resourceState() {
    JsonNode existing = state.request().get("state");
    return existing instanceof ObjectNode node ? node : state.request().putObject("state");
  }

  @Given("the circuit breaker of its action is open")
  public void breakerOpen() {
    resourceState().put("breakerOpen", true).put("breaker", "databricks:restart_cluster:meows279");
  }

  @Given("its resource failed {int} times earlier in the last hour")
  public void failedEarlier(int times) {
    resourceState().put("failuresLastHour", times).put("failuresLastDay", times);
  }

  @Given("its playbook resolved {int} of its last {int} runs for this error type")
  public void playbookHistory(int resolved, int runs) {
    resourceState().put("playbookRuns", runs).put("playbookSuccessRate", resolved * 100.0 / runs);
  }

  @Given("the action budget of its resource is spent")
  public void budgetSpent() {
    resourceState().put("actionsLastHour", 6).put("budgetExhausted", true);
  }

  @Then("the answer shows the state it decided with: {word} is {word}")
  public void stateShown(String fact, String value) {
    assertThat(state.status()).as("answer %s", state.answer()).isEqualTo(200);
    assertThat(state.answer().path("state").path(fact).asString())
        .as("state.%s in %s", fact, state.answer().path("state"))
        .isEqualTo(value);
  }

  @Then("the reason names the guard row {int}")
  public void guardRow(int row) {
    boolean named = false;
    for (JsonNode reason : state.decision().path("reasons")) {
      named |= reason.asString().endsWith("(guards.xlsx, Guards, row " + row + ")");
    }
    assertThat(named).as("reasons %s", state.decision().path("reasons")).isTrue();
    boolean explained = false;
    for (JsonNode e : state.answer().path("explanation")) {
      explained |= e.path("sheet").asString().equals("Guards") && e.path("row").asInt() == row;
    }
    assertThat(explained).as("explanation %s", state.answer().path("explanation")).isTrue();
  }
}
