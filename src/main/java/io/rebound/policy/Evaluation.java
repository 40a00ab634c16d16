package io.rebound.policy;

import io.rebound.failure.FailureFact;
import java.util.List;

/**
 * A fact, the decision on it, why, and which policy decided.
 *
 * @param policyVersion content hash of rules/ and decision-tables/ that made the decision
 * @param state what the guards knew about the resource for the chosen action; null when the event
 *     is not a failure, or for a decision made without state (a replay of recorded incidents)
 */
public record Evaluation(
    FailureFact fact,
    Decision decision,
    List<ExplanationEntry> explanation,
    String policyVersion,
    StateFacts state) {

  public Evaluation {
    explanation = explanation == null ? List.of() : List.copyOf(explanation);
  }

  public Evaluation(
      FailureFact fact, Decision decision, List<ExplanationEntry> explanation, String version) {
    this(fact, decision, explanation, version, null);
  }
}
