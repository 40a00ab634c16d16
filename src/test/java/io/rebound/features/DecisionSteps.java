package io.rebound.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Asks the what-if API, as an operator would, and checks what it answered. */
public class DecisionSteps {

  private final ScenarioState state;
  private final MockMvc mvc;
  private final ObjectMapper json;

  public DecisionSteps(ScenarioState state, MockMvc mvc, ObjectMapper json) {
    this.state = state;
    this.mvc = mvc;
    this.json = json;
  }

  @When("Rebound decides what to do")
  public void decide() throws Exception {
    ask(json.writeValueAsString(state.request()));
  }

  @When("an operator asks Rebound about the body {string}")
  public void askRaw(String body) throws Exception {
    ask(body);
  }

  private void ask(String body) throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/decisions/evaluate")
                    .header("Authorization", "Bearer " + CucumberSpringConfiguration.TOKEN)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andReturn();
    state.answered(
        result.getResponse().getStatus(), json.readTree(result.getResponse().getContentAsString()));
  }

  @Then("it is not a failure")
  public void notAFailure() {
    answeredOk();
    assertThat(state.decision().path("failure").asBoolean())
        .as("failure in %s", state.decision())
        .isFalse();
    assertThat(state.playbook().isNull() || state.playbook().isMissingNode())
        .as("no playbook for a non-failure: %s", state.playbook())
        .isTrue();
  }

  @Then("the error type is {string}")
  public void errorType(String expected) {
    answeredOk();
    assertThat(state.decision().path("failure").asBoolean()).as("failure").isTrue();
    assertThat(state.decision().path("errorType").asString())
        .as("error type; reasons: %s", state.decision().path("reasons"))
        .isEqualTo(expected);
  }

  @Then("the category is {string}")
  public void category(String expected) {
    assertThat(state.decision().path("category").asString()).isEqualTo(expected);
  }

  @Then("the severity is {string} with priority {string}")
  public void severity(String severity, String priority) {
    assertThat(state.decision().path("severity").asString()).as("severity").isEqualTo(severity);
    assertThat(state.decision().path("priority").asString()).as("priority").isEqualTo(priority);
  }

  @Then("the playbook is {string} with {int} retries")
  @Then("the playbook is {string} with {int} retry")
  public void playbook(String action, int retries) {
    assertThat(state.playbook().path("action").asString()).as("action").isEqualTo(action);
    assertThat(state.playbook().path("maxRetries").asInt()).as("max retries").isEqualTo(retries);
  }

  @Then("the backoff is {string} seconds")
  public void backoff(String expected) {
    assertThat(ints(state.playbook().path("backoffSeconds"))).isEqualTo(parseInts(expected));
  }

  @Then("each attempt may take {int} seconds")
  public void timeout(int seconds) {
    assertThat(state.playbook().path("timeoutSeconds").asInt()).isEqualTo(seconds);
  }

  @Then("recovery is verified by the health check {string}")
  public void healthCheck(String check) {
    assertThat(state.playbook().path("verifyHealth").asBoolean()).as("verifyHealth").isTrue();
    assertThat(state.playbook().path("healthCheck").asString()).isEqualTo(check);
  }

  @Then("the fallbacks are {string}")
  public void fallbacks(String expected) {
    assertThat(strings(state.playbook().path("fallbacks"))).isEqualTo(parseList(expected));
  }

  @Then("the chained playbook is {string}")
  public void chain(String expected) {
    JsonNode chain = state.playbook().path("chain");
    String actual = chain.isNull() || chain.isMissingNode() ? "none" : chain.asString();
    assertThat(actual).isEqualTo(expected);
  }

  @Then("the circuit breaker opens after {int} failures")
  public void breaker(int threshold) {
    assertThat(state.playbook().path("circuitBreakerThreshold").asInt()).isEqualTo(threshold);
  }

  @Then("approval is required")
  public void approvalRequired() {
    assertThat(state.decision().path("remediable").asBoolean()).as("remediable").isTrue();
    assertThat(state.decision().path("approvalRequired").asBoolean()).as("approval").isTrue();
  }

  @Then("no approval is required")
  public void noApproval() {
    assertThat(state.decision().path("remediable").asBoolean()).as("remediable").isTrue();
    assertThat(state.decision().path("approvalRequired").asBoolean()).as("approval").isFalse();
  }

  @Then("the {string} step waits for a person's approval")
  public void stepWaits(String action) {
    assertThat(strings(state.playbook().path("approvalRequiredFor"))).contains(action);
  }

  @Then("no step waits for a person's approval")
  public void noStepWaits() {
    assertThat(strings(state.playbook().path("approvalRequiredFor"))).isEmpty();
  }

  @Then("Rebound escalates to a human without acting")
  public void escalates() {
    assertThat(state.decision().path("remediable").asBoolean()).as("remediable").isFalse();
    assertThat(state.playbook().path("action").asString()).isEqualTo("escalate");
  }

  @Then("the library versions to try are {string}")
  public void libraryVersions(String expected) {
    assertThat(strings(state.playbook().path("libraryVersions"))).isEqualTo(parseList(expected));
  }

  @Then("a reason mentions {string}")
  public void reasonMentions(String fragment) {
    assertThat(strings(state.decision().path("reasons"))).anyMatch(r -> r.contains(fragment));
  }

  @Then("the explanation points to {string} sheet {string}")
  public void explanationPointsTo(String file, String sheet) {
    List<String> places = new ArrayList<>();
    for (JsonNode e : state.answer().path("explanation")) {
      places.add(e.path("file").asString() + " / " + e.path("sheet").asString());
      if (e.path("file").asString().equals(file) && e.path("sheet").asString().equals(sheet)) {
        assertThat(e.path("row").asInt()).as("row of %s", e).isPositive();
        return;
      }
    }
    throw new AssertionError(file + " / " + sheet + " not in the explanation: " + places);
  }

  @Then("the decision names the policy version")
  public void policyVersion() {
    assertThat(state.answer().path("policyVersion").asString()).isNotBlank();
  }

  @Then("Rebound answers {int} with an error that says {string}")
  public void rejected(int status, String fragment) {
    assertThat(state.status()).as("HTTP status; answer %s", state.answer()).isEqualTo(status);
    assertThat(state.answer().path("error").asString()).isNotBlank();
    assertThat(state.answer().path("detail").asString())
        .contains(fragment)
        .as("written for people: no Java names or stack traces")
        .doesNotContain("io.rebound", "tools.jackson", "Exception", "\tat ");
  }

  private void answeredOk() {
    assertThat(state.status()).as("HTTP status; answer %s", state.answer()).isEqualTo(200);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static List<Integer> parseInts(String csv) {
    return parseList(csv).stream().map(Integer::valueOf).toList();
  }

  private static List<String> parseList(String csv) {
    if (csv.isBlank() || csv.equals("none")) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::trim).toList();
  }
}
