package io.rebound.policy.facts;

import io.rebound.policy.facts.DerivedFacts.Gate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Approval sheet read as data: its rows indexed by environment and action, each giving the gate
 * its hidden rows insert, named after the row. The rules reach it as the global {@code approvals};
 * when the sheet's hidden rows say anything else it is compiled as rules and this table is empty,
 * so every action is left to those rules.
 */
public final class ApprovalRows {

  /** One row: environment and action, then whether a person approves and why. */
  public record Row(
      String rule, int row, String environment, String action, String needsApproval, String why) {

    Gate gate() {
      Gate g = new Gate(rule, action, needsApproval);
      if (why != null) {
        g.setBecause(why);
      }
      return g;
    }
  }

  public static final ApprovalRows NONE = new ApprovalRows(List.of());

  private final Map<String, List<Row>> byEnvironmentAndAction = new HashMap<>();

  /**
   * @param rows in sheet order, top first
   */
  public ApprovalRows(List<Row> rows) {
    for (Row r : rows) {
      byEnvironmentAndAction
          .computeIfAbsent(key(r.environment(), r.action()), k -> new ArrayList<>(1))
          .add(r);
    }
  }

  private static String key(String environment, String action) {
    return environment + '\n' + action;
  }

  /** Whether a row gates this action in this environment. */
  public boolean covers(String environment, String action) {
    return byEnvironmentAndAction.containsKey(key(environment, action));
  }

  /**
   * The gates of every row matching one of the actions, in sheet order: as rules, the rows fired
   * top row first whatever order the actions came in.
   */
  public List<Gate> gates(String environment, List<String> actions) {
    List<Row> found = new ArrayList<>(actions.size());
    for (String action : actions) {
      List<Row> rows = byEnvironmentAndAction.get(key(environment, action));
      if (rows != null) {
        found.addAll(rows);
      }
    }
    found.sort(Comparator.comparingInt(Row::row));
    List<Gate> gates = new ArrayList<>(found.size());
    for (Row r : found) {
      gates.add(r.gate());
    }
    return gates;
  }
}
