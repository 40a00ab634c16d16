package io.rebound.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Caps how much Rebound does on its own: actions per resource per hour, and actions overall per
 * day. Counted from claimed attempt rows, so every instance sees the same numbers.
 */
@Component
class ActionBudget {

  private final PlanStore store;
  private final RemediationProperties.Budget budget;

  ActionBudget(PlanStore store, RemediationProperties properties) {
    this.store = store;
    this.budget = properties.budget();
  }

  /**
   * Whether these counts leave no room for another action: what the guards read before deciding.
   */
  boolean spent(int actionsOnResourceLastHour, int actionsLastDay) {
    return actionsOnResourceLastHour >= budget.maxActionsPerResourcePerHour()
        || actionsLastDay >= budget.maxActionsPerDay();
  }

  /** Why the next action on this resource is over budget, or empty when it may run. */
  Optional<String> refusal(String resourceKey, Instant now) {
    int lastHour = store.actionsSince(resourceKey, now.minus(Duration.ofHours(1)));
    if (lastHour >= budget.maxActionsPerResourcePerHour()) {
      return Optional.of(
          "Action budget spent: %d actions on %s in the last hour (limit %d per hour)"
              .formatted(lastHour, resourceKey, budget.maxActionsPerResourcePerHour()));
    }
    int lastDay = store.actionsSince(now.minus(Duration.ofDays(1)));
    if (lastDay >= budget.maxActionsPerDay()) {
      return Optional.of(
          "Action budget spent: %d actions in the last 24 hours (limit %d per day)"
              .formatted(lastDay, budget.maxActionsPerDay()));
    }
    return Optional.empty();
  }
}
