package io.rebound.policy;

import static io.rebound.policy.PolicyVocabulary.ACTIONS;
import static io.rebound.policy.PolicyVocabulary.ENVIRONMENTS;
import static io.rebound.policy.PolicyVocabulary.ESCALATE;
import static io.rebound.policy.PolicyVocabulary.HEALTH_CHECKS;

import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.PolicyLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What validation cannot see in one cell: gaps and dead rows across tables. Every finding names the
 * workbook, sheet and cell to look at. Errors refuse a promotion; warnings are shown. Runs on the
 * files alone (no database, no service), so `java -jar rebound.jar lint <folder>` gives ops the
 * same messages in their own CI.
 */
final class PolicyLint {

  /** Errors refuse promotion; warnings are for people to read. Both are plain sentences. */
  record Report(List<String> errors, List<String> warnings) {
    Report {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private PolicyLint() {}

  /** Lints the files; files that do not validate get their validation problems as errors. */
  static Report lint(PolicyFiles files) {
    PolicyLint lint = new PolicyLint();
    List<Table> tables = new ArrayList<>();
    for (var wb : files.workbooks().entrySet()) {
      String shortName = wb.getKey().substring(wb.getKey().indexOf('/') + 1);
      try {
        tables.addAll(WorkbookTables.read(shortName, wb.getValue()));
      } catch (RuntimeException e) {
        lint.errors.add(shortName + ": the workbook cannot be read as decision tables");
      }
    }
    lint.errors.addAll(PolicyValidator.validate(tables));
    lint.check(tables);
    return new Report(lint.errors, lint.warnings);
  }

  private void check(List<Table> tables) {
    tables.forEach(this::overlaps);
    Table playbooks = table(tables, "Playbooks");
    Table approval = table(tables, "Approval");
    if (playbooks == null || approval == null) {
      return; // validation already reported the missing table
    }
    playbookForEveryErrorType(tables, playbooks);
    gateForEveryAction(playbooks, approval);
    unusedVocabulary(playbooks);
  }

  /**
   * Every error type a classification row or a chain can produce needs a playbook row in every
   * environment; without one the failure has no plan at all.
   */
  private void playbookForEveryErrorType(List<Table> tables, Table playbooks) {
    Column type = playbooks.column("Error type");
    Column env = playbooks.column("Environment");
    if (type == null) {
      return;
    }
    Map<String, String> producedAt = new LinkedHashMap<>();
    for (Table t : tables) {
      for (Column c : t.columns()) {
        boolean yields = !c.condition() && c.header().equals("Error type");
        if (yields || c.header().equals("Then run playbook")) {
          for (DataRow r : t.rows()) {
            String v = r.value(c);
            if (v != null) {
              producedAt.putIfAbsent(v, t.where(r, c));
            }
          }
        }
      }
    }
    producedAt.forEach(
        (errorType, where) -> {
          for (String environment : ENVIRONMENTS) {
            boolean covered =
                playbooks.rows().stream()
                    .anyMatch(
                        r ->
                            errorType.equals(r.value(type))
                                && (env == null
                                    || r.value(env) == null
                                    || environment.equals(r.value(env))));
            if (!covered) {
              errors.add(
                  where
                      + ": error type '"
                      + errorType
                      + "' has no playbook in "
                      + environment
                      + "; add a row for it to "
                      + playbooks.file()
                      + ", sheet "
                      + playbooks.sheet());
              break; // one message per error type is enough to act on
            }
          }
        });
  }

  /** Every action a playbook can take needs an approval row per environment, yes or no. */
  private void gateForEveryAction(Table playbooks, Table approval) {
    Column gEnv = approval.column("Environment");
    Column gAction = approval.column("Action");
    if (gAction == null) {
      return;
    }
    Map<String, String> usedAt = actionsUsed(playbooks);
    usedAt.forEach(
        (action, where) -> {
          List<String> missing = new ArrayList<>();
          for (String environment : ENVIRONMENTS) {
            boolean gated =
                approval.rows().stream()
                    .anyMatch(
                        r ->
                            action.equals(r.value(gAction))
                                && (gEnv == null
                                    || r.value(gEnv) == null
                                    || environment.equals(r.value(gEnv))));
            if (!gated) {
              missing.add(environment);
            }
          }
          if (!missing.isEmpty()) {
            errors.add(
                where
                    + ": action '"
                    + action
                    + "' has no row in "
                    + approval.file()
                    + ", sheet "
                    + approval.sheet()
                    + " for "
                    + String.join(", ", missing)
                    + "; add one saying whether it needs approval");
          }
        });
  }

  /** Actions named by Action and Fallback actions cells, with the first cell naming each. */
  private static Map<String, String> actionsUsed(Table playbooks) {
    Map<String, String> usedAt = new LinkedHashMap<>();
    for (String header : List.of("Action", "Fallback actions")) {
      Column c = playbooks.column(header);
      if (c == null) {
        continue;
      }
      for (DataRow r : playbooks.rows()) {
        for (String a : PolicyLists.split(r.value(c))) {
          if (!ESCALATE.equals(a)) {
            usedAt.putIfAbsent(a, playbooks.where(r, c));
          }
        }
      }
    }
    return usedAt;
  }

  private void unusedVocabulary(Table playbooks) {
    Set<String> actions = actionsUsed(playbooks).keySet();
    for (String a : ACTIONS) {
      if (!a.equals(ESCALATE) && !actions.contains(a)) {
        warnings.add(
            playbooks.file()
                + ", sheet "
                + playbooks.sheet()
                + ": no playbook uses the action '"
                + a
                + "'");
      }
    }
    Column hc = playbooks.column("Health check");
    if (hc != null) {
      Set<String> used = new java.util.HashSet<>();
      playbooks.rows().forEach(r -> used.add(r.value(hc)));
      for (String h : HEALTH_CHECKS) {
        if (!h.equals("none") && !used.contains(h)) {
          warnings.add(
              playbooks.file()
                  + ", sheet "
                  + playbooks.sheet()
                  + ": no playbook uses the health check '"
                  + h
                  + "'");
        }
      }
    }
  }

  /**
   * Two rows that can match the same failure (every condition equal, or empty on one side, which
   * means "any") but decide differently leave the outcome to the engine's evaluation order. Rows
   * with identical conditions are already refused by validation; this finds the ones an empty cell
   * hides. A warning: a deliberate general row with specific exceptions is a valid policy.
   */
  private void overlaps(Table t) {
    if (t.name().equals(GuardBuckets.TABLE)) {
      return; // every guard row that matches applies: no row hides another
    }
    List<Column> conditions = t.columns().stream().filter(Column::condition).toList();
    // the reason a row gives is for people; two rows with the same decision do not conflict
    List<Column> outcomes =
        t.columns().stream().filter(c -> !c.condition() && !c.header().startsWith("Why")).toList();
    if (conditions.isEmpty()) {
      return;
    }
    // reported once per general row (the one with more empty cells), naming the rows it shadows
    Map<DataRow, List<Integer>> shadowed = new LinkedHashMap<>();
    List<DataRow> rows = t.rows();
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        DataRow a = rows.get(i);
        DataRow b = rows.get(j);
        if (canMatchTheSameFailure(conditions, a, b)
            && !sameCells(conditions, a, b)
            && !sameCells(outcomes, a, b)) {
          boolean aIsGeneral = a.cells().size() < b.cells().size();
          DataRow general = aIsGeneral ? a : b;
          shadowed.computeIfAbsent(general, k -> new ArrayList<>()).add((aIsGeneral ? b : a).row());
        }
      }
    }
    shadowed.forEach(
        (general, others) ->
            warnings.add(
                t.where(general, conditions.get(0))
                    + ": row "
                    + general.row()
                    + " (an empty cell means any) also matches what row"
                    + (others.size() == 1 ? " " : "s ")
                    + others.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " match"
                    + (others.size() == 1 ? "es" : "")
                    + ", and decides differently; check which one should win, or fill the empty"
                    + " cell so only one matches"));
  }

  private static boolean canMatchTheSameFailure(List<Column> conditions, DataRow a, DataRow b) {
    for (Column c : conditions) {
      String x = a.value(c);
      String y = b.value(c);
      if (x != null && y != null && !x.equalsIgnoreCase(y)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameCells(List<Column> columns, DataRow a, DataRow b) {
    for (Column c : columns) {
      String x = a.value(c);
      String y = b.value(c);
      if (x == null ? y != null : !x.equalsIgnoreCase(y)) {
        return false;
      }
    }
    return true;
  }

  private static Table table(List<Table> tables, String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }
}
