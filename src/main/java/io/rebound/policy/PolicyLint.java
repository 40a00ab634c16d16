package io.rebound.policy;

import static io.rebound.policy.PolicyVocabulary.ACTIONS;
import static io.rebound.policy.PolicyVocabulary.ENVIRONMENTS;
import static io.rebound.policy.PolicyVocabulary.ESCALATE;
import static io.rebound.policy.PolicyVocabulary.HEALTH_CHECKS;

import io.rebound.extract.FieldNamesSheet;
import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.MessageMentions;
import io.rebound.policy.facts.MessageVocabulary;
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

  private static final String MESSAGE_MENTIONS = "Message mentions";

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
    lint.fieldNames(files);
    lint.check(tables);
    return new Report(lint.errors, lint.warnings);
  }

  /**
   * The "Field names" sheet is read by the extractor, not compiled into rules: a version whose
   * sheet cannot be read would not be put in force, so it must not be promoted.
   */
  private void fieldNames(PolicyFiles files) {
    byte[] workbook = files.workbooks().get(PolicyFiles.TABLES + "/" + FieldNamesSheet.WORKBOOK);
    if (workbook == null) {
      return;
    }
    try {
      FieldNamesSheet.read(workbook);
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
    }
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
    Column action = playbooks.column("Action");
    for (String a : ACTIONS) {
      if (action != null && !a.equals(ESCALATE) && !actions.contains(a)) {
        warnings.add(playbooks.whereHeader(action) + ": no playbook uses the action '" + a + "'");
      }
    }
    Column hc = playbooks.column("Health check");
    if (hc != null) {
      Set<String> used = new java.util.HashSet<>();
      playbooks.rows().forEach(r -> used.add(r.value(hc)));
      for (String h : HEALTH_CHECKS) {
        if (!h.equals("none") && !used.contains(h)) {
          warnings.add(
              playbooks.whereHeader(hc) + ": no playbook uses the health check '" + h + "'");
        }
      }
    }
  }

  /**
   * Two rows that can match the same failure (every condition equal, or empty on one side, which
   * means "any") but decide differently. Rows with identical conditions are already refused by
   * validation. Where the row nearest the top wins (the classification tables) and the upper row
   * matches everything the lower one does, the lower row can never decide: that is reported as
   * unreachable. Every other such pair is an overlap warning, since a deliberate general row with
   * specific exceptions is a valid policy.
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
    boolean topRowWins = classifies(t);
    Map<DataRow, DataRow> unreachable = new LinkedHashMap<>();
    // reported once per general row (the one with more empty cells), naming the rows it shadows
    Map<DataRow, List<Integer>> shadowed = new LinkedHashMap<>();
    List<DataRow> rows = t.rows();
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        DataRow a = rows.get(i);
        DataRow b = rows.get(j);
        if (sameCells(conditions, a, b) || sameCells(outcomes, a, b)) {
          continue;
        }
        if (topRowWins && matchesEverythingOf(conditions, a, b)) {
          unreachable.putIfAbsent(b, a);
        } else if (canMatchTheSameFailure(conditions, a, b)) {
          boolean aIsGeneral = a.cells().size() < b.cells().size();
          DataRow general = aIsGeneral ? a : b;
          shadowed.computeIfAbsent(general, k -> new ArrayList<>()).add((aIsGeneral ? b : a).row());
        }
      }
    }
    unreachable.forEach((lower, upper) -> warnings.add(unreachable(t, conditions, upper, lower)));
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

  /**
   * Classification rows compete: when several match, the row nearest the top wins (rules/
   * classification-flow.drl). The tables that classify are the ones whose outcome is an error type.
   */
  private static boolean classifies(Table t) {
    return t.columns().stream().anyMatch(c -> !c.condition() && c.header().equals("Error type"));
  }

  private static String unreachable(
      Table t, List<Column> conditions, DataRow upper, DataRow lower) {
    Column first = conditions.get(0);
    StringBuilder why = new StringBuilder();
    for (Column c : conditions) {
      String u = upper.value(c);
      String l = lower.value(c);
      if (u == null && l != null) {
        why.append("; ").append(t.cellRef(upper, c)).append(" is empty, which means any");
      } else if (u != null && !u.equals(l)) {
        why.append("; a message that mentions '")
            .append(l)
            .append("' (")
            .append(t.cellRef(lower, c))
            .append(") also mentions '")
            .append(u)
            .append("' (")
            .append(t.cellRef(upper, c))
            .append(")");
      }
    }
    return t.where(lower, first)
        + ": row "
        + lower.row()
        + " can never decide: row "
        + upper.row()
        + " above it (cell "
        + t.cellRef(upper, first)
        + ") matches every failure row "
        + lower.row()
        + " matches and decides differently, and the row nearest the top wins"
        + why
        + ". Move row "
        + lower.row()
        + " above row "
        + upper.row()
        + " if it is the exception, or delete it";
  }

  /**
   * Whether every failure the lower row matches is matched by the upper one: each of the upper
   * row's conditions is empty, the same text, or (for a message phrase) a phrase every message
   * mentioning the lower row's phrase also mentions. Exact text: the engine compares exactly.
   */
  private static boolean matchesEverythingOf(
      List<Column> conditions, DataRow upper, DataRow lower) {
    for (Column c : conditions) {
      String u = upper.value(c);
      String l = lower.value(c);
      if (u == null || u.equals(l)) {
        continue;
      }
      if (l == null || !c.header().equals(MESSAGE_MENTIONS) || !alwaysMentioned(u, l)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A message that mentions {@code lower} always mentions {@code upper} when upper's pattern is
   * found inside lower's own words: the characters around that place are lower's, or the word
   * boundary lower itself requires. A lower phrase with * is not claimed (the * can be any text).
   */
  static boolean alwaysMentioned(String upper, String lower) {
    if (lower.contains("*")) {
      return false;
    }
    MessageVocabulary one = MessageVocabulary.of(List.of("mentions(\"" + upper + "\")"));
    MessageMentions read = one.read(lower.trim());
    return read != null && read.phrases().contains(upper);
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
