package io.rebound.policy;

import io.rebound.failure.FailureFact;
import java.util.List;

/**
 * A fact, the decision on it, why, and which policy decided.
 *
 * @param policyVersion content hash of rules/ and decision-tables/ that made the decision
 */
public record Evaluation(
    FailureFact fact, Decision decision, List<ExplanationEntry> explanation, String policyVersion) {

  public Evaluation {
    explanation = explanation == null ? List.of() : List.copyOf(explanation);
  }
}
