package io.rebound.remediation;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of the policy for chained playbooks: tests give the executor small backoffs and
 * timeouts through the decisions they publish, and register the playbooks a chain names here.
 */
class ScriptedPolicy implements DecisionService {

  static final Map<String, Playbook> CHAINED = new ConcurrentHashMap<>();

  @Override
  public Evaluation evaluate(FailureFact fact) {
    throw new UnsupportedOperationException("remediation tests publish decisions directly");
  }

  @Override
  public String policyVersion() {
    return "test";
  }

  @Override
  public Optional<Playbook> playbookFor(String errorType, Environment environment) {
    return Optional.ofNullable(CHAINED.get(errorType));
  }
}
