package io.rebound.features;

import io.cucumber.spring.ScenarioScope;
import io.rebound.policy.FeatureCoverageReport;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one scenario has built and what Rebound answered. Accessed through methods only: the bean is
 * a scoped proxy, so its fields are not the scenario's.
 */
@Component
@ScenarioScope
class ScenarioState {
  private ObjectNode request;
  private int status;
  private JsonNode answer;

  ObjectNode request() {
    return request;
  }

  void request(ObjectNode newRequest) {
    this.request = newRequest;
  }

  void answered(int httpStatus, JsonNode body) {
    this.status = httpStatus;
    this.answer = body;
    FeatureCoverageReport.record(body);
  }

  int status() {
    return status;
  }

  JsonNode answer() {
    return answer;
  }

  JsonNode decision() {
    return answer.path("decision");
  }

  JsonNode playbook() {
    return decision().path("playbook");
  }
}
