package io.rebound.remediation;

import io.rebound.connector.Connectors;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What must hold before Rebound calls a platform: the kill switch is on, a connector performs the
 * action, neither the platform's nor the action's circuit breaker is open, and the action budget is
 * not spent. A refusal escalates the plan with the reason; the audit says which guard refused.
 */
@Component
class AttemptGuards {

  /** Where one attempt acts, once every guard let it through. */
  record Cleared(
      String platform, String resourceKey, String actionBreaker, String platformBreaker) {}

  /** Why a guard refused, and the audit event that records it (none for the kill switch). */
  record Refused(String event, Object subject, String why) {}

  private final Connectors connectors;
  private final Breakers breakers;
  private final ActionBudget budget;
  private final KillSwitch killSwitch;

  AttemptGuards(
      Connectors connectors, Breakers breakers, ActionBudget budget, KillSwitch killSwitch) {
    this.connectors = connectors;
    this.breakers = breakers;
    this.budget = budget;
    this.killSwitch = killSwitch;
  }

  /** Where the step acts: its platform, resource and breakers; empty for an unknown action. */
  Optional<Cleared> locate(Rows.Step step) {
    String platform;
    try {
      platform = connectors.platformOf(step.action());
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
    ActionCatalog.Resource resource = ActionCatalog.resourceOf(step.action(), step.target());
    return Optional.of(
        new Cleared(
            platform,
            platform + ":" + resource.key(),
            Breakers.actionBreakerName(platform, step.action(), resource.id()),
            Breakers.platformBreakerName(platform)));
  }

  /**
   * @param budgetCounted the attempt is already in the budget (a claimed attempt being reconciled)
   * @return why the step may not act now; empty when it may
   */
  Optional<Refused> refusal(Rows.Step step, Cleared where, boolean budgetCounted) {
    if (!killSwitch.allowsActions()) {
      return Optional.of(new Refused(null, null, killSwitch.whyOff() + "; nothing was executed"));
    }
    for (String breaker : new String[] {where.platformBreaker(), where.actionBreaker()}) {
      Optional<String> open = breakers.refusal(breaker, step.breakerThreshold());
      if (open.isPresent()) {
        return Optional.of(new Refused("breaker.open", breaker, open.get()));
      }
    }
    if (budgetCounted) {
      return Optional.empty();
    }
    return budget
        .refusal(where.resourceKey(), Instant.now())
        .map(why -> new Refused("budget.exceeded", where.resourceKey(), why));
  }
}
