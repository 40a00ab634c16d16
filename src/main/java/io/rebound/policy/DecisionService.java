package io.rebound.policy;

import io.rebound.failure.FailureFact;

/** The one path that decides, for real and for what-if. Thread-safe; side-effect free. */
public interface DecisionService {

  Evaluation evaluate(FailureFact fact);

  /** Content hash of the policy currently in force. */
  String policyVersion();
}
