package io.rebound.policy;

import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.ApprovalRows;
import io.rebound.policy.facts.AssessRows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The lookup sheets besides Playbooks that are read as data when their hidden rows are the shipped
 * ones: Never automatic, Categories and Severity (looked up by the settled error type, with the
 * playbook, in rules/playbook-flow.drl) and Approval (looked up per planned action in
 * rules/approval-flow.drl). Each row still inserts the fact its hidden rows describe, named after
 * the row, so decisions and explanations do not change; a table with other hidden rows, or rules
 * that do not declare the lookup, compile the sheet as rules as before.
 */
final class LookupSheets {

  private static final SheetLayout NEVER =
      layout(
          "Never automatic",
          "Error type",
          "c: Classified",
          "errorType == \"$param\"",
          "Why a human must act",
          "",
          "insert(new NeverAutomatic(drools.getRule().getName(), \"$param\"));");

  private static final SheetLayout CATEGORIES =
      layout(
          "Categories",
          "Error type",
          "c: Classified",
          "errorType == \"$param\"",
          "Category",
          "",
          "insert(new CategoryAssigned(drools.getRule().getName(), \"$param\"));");

  private static final SheetLayout SEVERITY =
      layout(
          "Severity",
          "Error type",
          "c: Classified",
          "errorType == \"$param\"",
          "Environment",
          "c: Classified",
          "environment == \"$param\"",
          "Severity",
          "",
          "Assessment a = new Assessment(drools.getRule().getName()); a.setSeverity(\"$param\");",
          "Priority",
          "",
          "a.setPriority(\"$param\"); insert(a);");

  private static final SheetLayout APPROVAL =
      layout(
          "Approval",
          "Environment",
          "p: PlannedAction",
          "environment == \"$param\"",
          "Action",
          "",
          "action == \"$param\"",
          "Needs approval",
          "",
          "Gate g = new Gate(drools.getRule().getName(), p.getAction(), \"$param\");",
          "Why",
          "",
          "g.setBecause(\"$param\"); insert(g);");

  private static final Pattern ASSESS_GLOBAL =
      Pattern.compile("(?m)^\\s*global\\s+(?:[\\w.]+\\.)?AssessRows\\s+assess\\s*;");
  private static final Pattern APPROVALS_GLOBAL =
      Pattern.compile("(?m)^\\s*global\\s+(?:[\\w.]+\\.)?ApprovalRows\\s+approvals\\s*;");

  private final boolean assessDeclared;
  private final boolean approvalsDeclared;
  private final Map<String, Table> asData = new LinkedHashMap<>();

  /** For one policy: which lookups its rules declare (a version stored before has none). */
  LookupSheets(Collection<byte[]> ruleFiles) {
    this.assessDeclared = declared(ruleFiles, ASSESS_GLOBAL);
    this.approvalsDeclared = declared(ruleFiles, APPROVALS_GLOBAL);
  }

  private static boolean declared(Collection<byte[]> ruleFiles, Pattern global) {
    return ruleFiles.stream()
        .anyMatch(b -> global.matcher(new String(b, StandardCharsets.UTF_8)).find());
  }

  /** Takes the table as data when it can be read so; false means: compile it as rules. */
  boolean takes(Workbook book, Table t) {
    boolean data =
        assessDeclared
                && (NEVER.matches(book, t)
                    || CATEGORIES.matches(book, t)
                    || SEVERITY.matches(book, t))
            || approvalsDeclared && APPROVAL.matches(book, t);
    if (data) {
      asData.put(t.name(), t);
    }
    return data;
  }

  /** The assess rows taken; only after validation. */
  AssessRows assessRows() {
    List<AssessRows.NeverRow> never = new ArrayList<>();
    Table t = asData.get("Never automatic");
    for (DataRow r : rowsOf(t)) {
      never.add(
          new AssessRows.NeverRow(
              SheetLayout.ruleName(t, r),
              SheetLayout.cell(t, r, "Error type"),
              SheetLayout.cell(t, r, "Why a human must act")));
    }
    List<AssessRows.CategoryRow> categories = new ArrayList<>();
    t = asData.get("Categories");
    for (DataRow r : rowsOf(t)) {
      categories.add(
          new AssessRows.CategoryRow(
              SheetLayout.ruleName(t, r),
              SheetLayout.cell(t, r, "Error type"),
              SheetLayout.cell(t, r, "Category")));
    }
    List<AssessRows.SeverityRow> severity = new ArrayList<>();
    t = asData.get("Severity");
    for (DataRow r : rowsOf(t)) {
      severity.add(
          new AssessRows.SeverityRow(
              SheetLayout.ruleName(t, r),
              SheetLayout.cell(t, r, "Error type"),
              SheetLayout.cell(t, r, "Environment"),
              SheetLayout.cell(t, r, "Severity"),
              SheetLayout.cell(t, r, "Priority")));
    }
    return new AssessRows(never, categories, severity);
  }

  /** The approval rows taken; only after validation. */
  ApprovalRows approvalRows() {
    List<ApprovalRows.Row> rows = new ArrayList<>();
    Table t = asData.get("Approval");
    for (DataRow r : rowsOf(t)) {
      rows.add(
          new ApprovalRows.Row(
              SheetLayout.ruleName(t, r),
              r.row(),
              SheetLayout.cell(t, r, "Environment"),
              SheetLayout.cell(t, r, "Action"),
              SheetLayout.cell(t, r, "Needs approval"),
              SheetLayout.cell(t, r, "Why")));
    }
    return new ApprovalRows(rows);
  }

  /** A table taken as data has its rows read; a table compiled as rules, none. */
  private static List<DataRow> rowsOf(Table t) {
    return t == null ? List.of() : t.rows();
  }

  /** {@code header, object-type cell, code cell} per column. */
  private static SheetLayout layout(String table, String... cells) {
    Map<String, String[]> columns = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i += 3) {
      columns.put(cells[i], new String[] {cells[i + 1], cells[i + 2]});
    }
    return new SheetLayout(table, columns, true);
  }
}
