package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.util.Optional;

/** The one path that decides, for real and for what-if. Thread-safe; side-effect free. */
public interface DecisionService {

  /** Decides on the alert alone, as if nothing had happened on its resource before. */
  Evaluation evaluate(FailureFact fact);

  /**
   * Decides on the alert, then lets the Guards sheet read what is happening on its resource
   * (gathered by {@link StateGatherer} before the call).
   */
  default Evaluation evaluate(FailureFact fact, ResourceState state) {
    return evaluate(fact);
  }

  /** Content hash of the policy currently in force. */
  String policyVersion();

  /**
   * The playbook the policy in force gives an error type in an environment, without a fact: what
   * remediation runs when a playbook's {@link Playbook#chain()} names that error type. Empty when
   * the policy has no playbook for it.
   */
  default Optional<Playbook> playbookFor(String errorType, Environment environment) {
    return Optional.empty();
  }
}
