package io.rebound.remediation;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.Decision;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipped policy, plus chained playbooks a test registers, and playbooks a test puts in place
 * of the shipped one for an error type (e.g. without the shipped minute of backoff).
 */
class ScriptedPolicy implements DecisionService {

  static final Map<String, Playbook> CHAINED = new ConcurrentHashMap<>();
  static final Map<String, Playbook> REPLACED = new ConcurrentHashMap<>();

  private final DecisionService shipped;

  ScriptedPolicy(DecisionService shipped) {
    this.shipped = shipped;
  }

  @Override
  public Evaluation evaluate(FailureFact fact) {
    Evaluation evaluation = shipped.evaluate(fact);
    Decision d = evaluation.decision();
    Playbook replaced = d.errorType() == null ? null : REPLACED.get(d.errorType());
    if (replaced == null) {
      return evaluation;
    }
    Decision decision =
        new Decision(
            d.failure(),
            d.errorType(),
            d.category(),
            d.severity(),
            d.priority(),
            d.remediable(),
            d.approvalRequired(),
            replaced,
            d.reasons());
    return new Evaluation(
        evaluation.fact(), decision, evaluation.explanation(), evaluation.policyVersion());
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
