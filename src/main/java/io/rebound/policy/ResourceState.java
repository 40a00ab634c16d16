package io.rebound.policy;

import java.util.Map;
import java.util.Objects;

/**
 * The state of one failure's resource, gathered before the decision (the policy reads no database):
 * its recent failures and open incidents, per action its breaker and budget, and the history of
 * every playbook. Which action matters is known only once the playbook is chosen, so the guards
 * read {@link #about} for that action.
 *
 * @param actions by action name; an action not listed has its breakers closed and no budget used
 * @param playbooks the outcome history by error type and action, shared by every resource
 * @param overrides what a what-if request says instead of what was gathered
 */
public record ResourceState(
    int failuresLastHour,
    int failuresLastDay,
    int openIncidents,
    Map<String, ActionState> actions,
    PlaybookHistory playbooks,
    StateOverrides overrides) {

  /** Nothing known: what a policy test, a replay or a lint run decides with. */
  public static final ResourceState NONE =
      new ResourceState(0, 0, 0, Map.of(), PlaybookHistory.NONE, StateOverrides.NONE);

  public ResourceState {
    actions = Map.copyOf(actions);
    Objects.requireNonNull(playbooks, "playbooks");
    Objects.requireNonNull(overrides, "overrides");
  }

  /**
   * One action on this resource.
   *
   * @param openBreaker the breaker refusing this action now (the action's or its platform's), null
   *     when calls go through
   */
  public record ActionState(String openBreaker, int actionsLastHour, boolean budgetExhausted) {}

  /** Outcomes of one playbook action for one error type over the last 30 days. */
  public record PlaybookRecord(int runs, int resolved, Long medianSecondsToResolve) {

    public static final PlaybookRecord NONE = new PlaybookRecord(0, 0, null);

    Double successRate() {
      return runs == 0 ? null : Math.round(resolved * 1000.0 / runs) / 10.0;
    }
  }

  /** The playbook history as of the last refresh; looked up per decision, so kept in memory. */
  @FunctionalInterface
  public interface PlaybookHistory {
    PlaybookHistory NONE = (errorType, action) -> PlaybookRecord.NONE;

    PlaybookRecord of(String errorType, String action);
  }

  public ResourceState withOverrides(StateOverrides given) {
    return new ResourceState(
        failuresLastHour, failuresLastDay, openIncidents, actions, playbooks, given);
  }

  /** The state as the guards see it once the playbook chose this action. */
  public StateFacts about(String errorType, String action) {
    ActionState a = actions.get(action);
    PlaybookRecord history = playbooks.of(errorType, action);
    StateFacts gathered =
        new StateFacts(
            a != null && a.openBreaker() != null,
            a == null ? null : a.openBreaker(),
            failuresLastHour,
            failuresLastDay,
            openIncidents,
            a == null ? 0 : a.actionsLastHour(),
            a != null && a.budgetExhausted(),
            history.runs(),
            history.successRate(),
            history.medianSecondsToResolve());
    return overrides.applyTo(gathered);
  }
}
