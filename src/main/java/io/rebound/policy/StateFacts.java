package io.rebound.policy;

/**
 * What Rebound knew about a failure's resource when it decided, as the guards read it: for the
 * action the playbook chose. The what-if shows it and accepts it ({@code "state": {...}}).
 *
 * @param breakerOpen the circuit breaker of the action on this resource, or of its platform, is
 *     open and refusing calls now
 * @param breaker the name of the open breaker, null when none is open
 * @param failuresLastHour earlier failures of the same resource in the last hour (this one not
 *     counted)
 * @param failuresLastDay earlier failures of the same resource in the last 24 hours
 * @param openIncidents incidents of the same resource still open or escalated
 * @param actionsLastHour actions Rebound took on the resource in the last hour
 * @param budgetExhausted the action budget (per resource per hour, or per day) is spent
 * @param playbookRuns finished runs of this action for this error type over the last 30 days
 * @param playbookSuccessRate percentage of those runs that resolved the incident; null with no run
 * @param playbookMedianSecondsToResolve median time to resolve of the resolved runs; null if none
 */
public record StateFacts(
    boolean breakerOpen,
    String breaker,
    int failuresLastHour,
    int failuresLastDay,
    int openIncidents,
    int actionsLastHour,
    boolean budgetExhausted,
    int playbookRuns,
    Double playbookSuccessRate,
    Long playbookMedianSecondsToResolve) {

  /** Nothing known: no breaker open, no earlier failure, no history. */
  public static final StateFacts NONE =
      new StateFacts(false, null, 0, 0, 0, 0, false, 0, null, null);
}
