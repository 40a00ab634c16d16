package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.GuardInput;
import java.util.List;

/**
 * Turns the state into the guard memo's key. A count above the highest threshold any Guards row
 * compares it with answers every row as that threshold does, so it is capped there: a storm whose
 * failure count climbs from 3 to 300 is one memo entry, not 297. The success rate is a whole
 * percentage, which every row's whole-number threshold compares the same as the exact rate.
 *
 * @param present false when the policy has no Guards table (a version stored before guards.xlsx
 *     existed): the guard phase then does nothing
 */
record GuardBuckets(
    boolean present,
    int failuresLastHour,
    int failuresLastDay,
    int openIncidents,
    int playbookRuns) {

  static final String TABLE = "Guards";
  static final String FAILURES_LAST_HOUR = "Failures in the last hour (at least)";
  static final String FAILURES_LAST_DAY = "Failures in the last day (at least)";
  static final String OPEN_INCIDENTS = "Open incidents on the resource (at least)";
  static final String PLAYBOOK_RUNS = "Playbook runs (at least)";

  static final GuardBuckets NONE = new GuardBuckets(false, 0, 0, 0, 0);

  /** The caps the Guards rows of these tables need; cells are already validated as numbers. */
  static GuardBuckets of(List<Table> tables) {
    Table guards = tables.stream().filter(t -> t.name().equals(TABLE)).findFirst().orElse(null);
    if (guards == null) {
      return NONE;
    }
    return new GuardBuckets(
        true,
        highest(guards, FAILURES_LAST_HOUR),
        highest(guards, FAILURES_LAST_DAY),
        highest(guards, OPEN_INCIDENTS),
        highest(guards, PLAYBOOK_RUNS));
  }

  private static int highest(Table table, String header) {
    Column column = table.column(header);
    int max = 0;
    if (column != null) {
      for (DataRow row : table.rows()) {
        String v = row.value(column);
        if (v != null) {
          max = Math.max(max, Integer.parseInt(v.trim()));
        }
      }
    }
    return max;
  }

  GuardInput input(String environment, String errorType, String action, StateFacts s) {
    Double rate = s.playbookSuccessRate();
    return new GuardInput(
        environment,
        errorType,
        action,
        s.breakerOpen() ? "yes" : "no",
        s.budgetExhausted() ? "yes" : "no",
        Math.min(s.failuresLastHour(), failuresLastHour),
        Math.min(s.failuresLastDay(), failuresLastDay),
        Math.min(s.openIncidents(), openIncidents),
        Math.min(s.playbookRuns(), playbookRuns),
        rate == null ? 100 : (int) Math.floor(rate));
  }
}
