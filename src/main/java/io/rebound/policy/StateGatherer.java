package io.rebound.policy;

import io.rebound.failure.FailureFact;
import io.rebound.policy.ResourceState.ActionState;
import io.rebound.policy.ResourceState.PlaybookHistory;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gathers the state a decision reads, before it is made, from the modules that hold it: incident
 * (earlier failures, open incidents) and remediation (breakers, budget, playbook history). The
 * policy defines what it needs as these two ports and never touches their tables; without an
 * implementation (a policy-only context) the state is {@link ResourceState#NONE}'s.
 */
@Component
public class StateGatherer {

  /** Implemented by incident: how often this resource failed before. */
  public interface FailureHistory {
    /** Counts of the resource's earlier failures; none counted for a fact without a resource. */
    Counts count(FailureFact fact);

    record Counts(int lastHour, int lastDay, int open) {
      public static final Counts NONE = new Counts(0, 0, 0);
    }
  }

  /** Implemented by remediation: breakers and budget per action, and playbook outcomes. */
  public interface ActionHistory {
    /** By action name, for every action that could act on this fact's resource. */
    Map<String, ActionState> actions(FailureFact fact);

    PlaybookHistory playbooks();
  }

  private final ObjectProvider<FailureHistory> failures;
  private final ObjectProvider<ActionHistory> actions;

  public StateGatherer(
      ObjectProvider<FailureHistory> failures, ObjectProvider<ActionHistory> actions) {
    this.failures = failures;
    this.actions = actions;
  }

  public ResourceState gather(FailureFact fact) {
    FailureHistory f = failures.getIfAvailable();
    ActionHistory a = actions.getIfAvailable();
    FailureHistory.Counts counts = f == null ? FailureHistory.Counts.NONE : f.count(fact);
    return new ResourceState(
        counts.lastHour(),
        counts.lastDay(),
        counts.open(),
        a == null ? Map.of() : a.actions(fact),
        a == null ? PlaybookHistory.NONE : a.playbooks(),
        StateOverrides.NONE);
  }
}
