package io.rebound.policy;

/**
 * The state a what-if request sets ("what would you do if the breaker were open?"); each null keeps
 * what was gathered.
 */
public record StateOverrides(
    Boolean breakerOpen,
    String breaker,
    Integer failuresLastHour,
    Integer failuresLastDay,
    Integer openIncidents,
    Integer actionsLastHour,
    Boolean budgetExhausted,
    Integer playbookRuns,
    Double playbookSuccessRate,
    Long playbookMedianSecondsToResolve) {

  public static final StateOverrides NONE =
      new StateOverrides(null, null, null, null, null, null, null, null, null, null);

  StateFacts applyTo(StateFacts s) {
    if (this.equals(NONE)) {
      return s;
    }
    boolean open = or(breakerOpen, s.breakerOpen());
    String name = breaker != null ? breaker : s.breaker();
    if (open && name == null) {
      name = "set by the what-if request";
    }
    return new StateFacts(
        open,
        open ? name : null,
        or(failuresLastHour, s.failuresLastHour()),
        or(failuresLastDay, s.failuresLastDay()),
        or(openIncidents, s.openIncidents()),
        or(actionsLastHour, s.actionsLastHour()),
        or(budgetExhausted, s.budgetExhausted()),
        or(playbookRuns, s.playbookRuns()),
        playbookSuccessRate != null ? playbookSuccessRate : s.playbookSuccessRate(),
        playbookMedianSecondsToResolve != null
            ? playbookMedianSecondsToResolve
            : s.playbookMedianSecondsToResolve());
  }

  private static <T> T or(T given, T gathered) {
    return given != null ? given : gathered;
  }
}
