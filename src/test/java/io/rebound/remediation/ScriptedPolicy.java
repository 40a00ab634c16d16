package io.rebound.remediation;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The shipped policy, plus chained playbooks a test registers. */
class ScriptedPolicy implements DecisionService {

  static final Map<String, Playbook> CHAINED = new ConcurrentHashMap<>();

  private final DecisionService shipped;

  ScriptedPolicy(DecisionService shipped) {
    this.shipped = shipped;
  }

  @Override
  public Evaluation evaluate(FailureFact fact) {
    return shipped.evaluate(fact);
  }

  @Override
  public String policyVersion() {
    return shipped.policyVersion();
  }

  @Override
  public Optional<Playbook> playbookFor(String errorType, Environment environment) {
    Playbook chained = CHAINED.get(errorType);
    return chained != null ? Optional.of(chained) : shipped.playbookFor(errorType, environment);
  }
}
