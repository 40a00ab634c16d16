package io.rebound.remediation;

import io.rebound.connector.Connectors;
import io.rebound.failure.Action;
import io.rebound.failure.FailureFact;
import io.rebound.policy.ResourceState.ActionState;
import io.rebound.policy.ResourceState.PlaybookHistory;
import io.rebound.policy.ResourceState.PlaybookRecord;
import io.rebound.policy.StateCache;
import io.rebound.policy.StateGatherer.ActionHistory;
import io.rebound.policy.StateProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The remediation side of the state the guards read, gathered before each decision: per action that
 * could act on the failure's resource, whether its breaker (or its platform's) refuses calls and
 * how much of the action budget the resource has used; and how each playbook action has done per
 * error type over 30 days. Breakers are one small table read for all resources at once, budget
 * counts are read per resource; both are reused for {@link StateProperties#cacheTtl()}, the history
 * for {@link StateProperties#historyRefresh()}. The executor still checks breakers and budget again
 * before it calls anything: this is what lets the policy say so first, in its reasons.
 */
@Component
class RemediationActionHistory implements ActionHistory {

  private static final Duration HISTORY_WINDOW = Duration.ofDays(30);
  private static final String ALL = "";

  private record Snapshot(Map<String, PlaybookRecord> byTypeAndAction, long takenAt) {}

  private final Connectors connectors;
  private final Breakers breakers;
  private final PlanStore store;
  private final ActionBudget budget;
  private final PlaybookOutcomes outcomes;
  private final StateProperties properties;
  private final StateCache<String, Set<String>> refusing;
  private final StateCache<String, Integer> actionsLastHour;
  private final StateCache<String, Integer> actionsLastDay;
  private final StateCache<String, Map<String, ActionState>> byTarget;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Snapshot history;

  RemediationActionHistory(
      Connectors connectors,
      Breakers breakers,
      PlanStore store,
      ActionBudget budget,
      PlaybookOutcomes outcomes,
      StateProperties properties) {
    this.connectors = connectors;
    this.breakers = breakers;
    this.store = store;
    this.budget = budget;
    this.outcomes = outcomes;
    this.properties = properties;
    this.refusing = new StateCache<>(properties.cacheTtl());
    this.actionsLastHour = new StateCache<>(properties.cacheTtl());
    this.actionsLastDay = new StateCache<>(properties.cacheTtl());
    this.byTarget = new StateCache<>(properties.cacheTtl());
  }

  /**
   * A storm on one resource works out its actions' breakers and budget once per TTL, keyed by the
   * ids an action acts on (not the run ids that differ from one failure to the next).
   */
  @Override
  public Map<String, ActionState> actions(FailureFact fact) {
    Map<String, String> target = PlanBlueprint.targetOf(fact.resource());
    String acted =
        String.join(
            "|",
            String.valueOf(target.get("clusterId")),
            String.valueOf(target.get("jobId")),
            target.containsKey("jobId") ? "" : String.valueOf(target.get("runId")),
            String.valueOf(target.get("factory")),
            String.valueOf(target.get("pipeline")),
            String.valueOf(target.get("repository")));
    return byTarget.get(acted, key -> actionsOn(target));
  }

  private Map<String, ActionState> actionsOn(Map<String, String> target) {
    Set<String> open = refusing.get(ALL, k -> breakers.refusingNow());
    Instant now = Instant.now();
    int lastDay = actionsLastDay.get(ALL, k -> store.actionsSince(now.minus(Duration.ofDays(1))));
    Map<String, ActionState> states = new HashMap<>();
    for (Action action : Action.values()) {
      String platform;
      try {
        platform = connectors.platformOf(action.id());
      } catch (IllegalArgumentException noConnector) {
        continue; // escalate: nothing is called
      }
      ActionCatalog.Resource resource = ActionCatalog.resourceOf(action.id(), target);
      String platformBreaker = Breakers.platformBreakerName(platform);
      String actionBreaker = Breakers.actionBreakerName(platform, action.id(), resource.id());
      String openBreaker =
          open.contains(platformBreaker)
              ? platformBreaker
              : open.contains(actionBreaker) ? actionBreaker : null;
      int used =
          actionsLastHour.get(
              platform + ":" + resource.key(),
              key -> store.actionsSince(key, now.minus(Duration.ofHours(1))));
      states.put(action.id(), new ActionState(openBreaker, used, budget.spent(used, lastDay)));
    }
    return Map.copyOf(states);
  }

  @Override
  public PlaybookHistory playbooks() {
    Snapshot current = history;
    long now = System.nanoTime();
    if ((current == null || now - current.takenAt() >= properties.historyRefresh().toNanos())
        && refreshing.tryLock()) {
      try {
        current = new Snapshot(byTypeAndAction(), now);
        history = current;
      } finally {
        refreshing.unlock();
      }
    }
    if (current == null) {
      return PlaybookHistory.NONE; // another thread is reading it for the first time
    }
    Map<String, PlaybookRecord> records = current.byTypeAndAction();
    return (errorType, action) ->
        records.getOrDefault(errorType + "|" + action, PlaybookRecord.NONE);
  }

  private Map<String, PlaybookRecord> byTypeAndAction() {
    List<PlaybookOutcomes.Sample> samples = outcomes.since(Instant.now().minus(HISTORY_WINDOW));
    Map<String, PlaybookRecord> records = new HashMap<>();
    PlaybookOutcomes.group(samples, s -> s.errorType() + "|" + s.action())
        .forEach(
            (key, o) ->
                records.put(
                    key, new PlaybookRecord(o.runs(), o.resolved(), o.medianSecondsToResolve())));
    return records;
  }
}
