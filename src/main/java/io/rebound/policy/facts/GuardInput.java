package io.rebound.policy.facts;

/**
 * What the Guards sheet reads once the playbook is chosen: the decision so far and the state of the
 * resource for that action, in buckets. Counts are capped at the highest threshold any guard row
 * compares them with and the success rate is a whole percentage, so every row answers the same for
 * every value in a bucket: the record is the key of the guard memo, like {@link PolicyInput}.
 *
 * @param breakerOpen "yes" or "no", as the sheet's cells say it
 * @param budgetExhausted "yes" or "no"
 * @param playbookSuccessRate whole percent, rounded down; 100 when the playbook never ran
 */
public record GuardInput(
    String environment,
    String errorType,
    String action,
    String breakerOpen,
    String budgetExhausted,
    int failuresLastHour,
    int failuresLastDay,
    int openIncidents,
    int playbookRuns,
    int playbookSuccessRate) {}
