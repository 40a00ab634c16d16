package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.PlaybookRows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Decides whether the Playbooks table can be read as data ({@link PlaybookRows}) instead of being
 * compiled into one rule per row: only when its hidden rows say exactly what the shipped sheet
 * says, so reading it as data gives every row the meaning its hidden rows give it. Anything else (a
 * column added, a snippet changed) is compiled as rules, as before.
 */
final class PlaybookSheet {

  /** Header, then the hidden object-type and code cells of each column, as shipped. */
  private static final Map<String, String[]> SHIPPED = new LinkedHashMap<>();

  static {
    SHIPPED.put("Error type", new String[] {"c: Classified", "errorType == \"$param\""});
    SHIPPED.put(
        "Action",
        new String[] {
          "",
          "PlaybookChoice p = new PlaybookChoice(drools.getRule().getName(), c.getErrorType(),"
              + " \"$param\");"
        });
    SHIPPED.put("Max retries", new String[] {"", "p.setMaxRetries($param);"});
    SHIPPED.put("Backoff (s)", new String[] {"", "p.setBackoff(\"$param\");"});
    SHIPPED.put("Timeout (s)", new String[] {"", "p.setTimeoutSeconds($param);"});
    SHIPPED.put("Health check", new String[] {"", "p.setHealthCheck(\"$param\");"});
    SHIPPED.put("Fallback actions", new String[] {"", "p.setFallbacks(\"$param\");"});
    SHIPPED.put("Then run playbook", new String[] {"", "p.setChain(\"$param\");"});
    SHIPPED.put(
        "Circuit breaker after (failures)",
        new String[] {"", "p.setCircuitBreakerThreshold($param); insert(p);"});
  }

  private static final DataFormatter FORMAT = new DataFormatter();

  private PlaybookSheet() {}

  private static final Pattern LOOKUP_GLOBAL =
      Pattern.compile("(?m)^\\s*global\\s+(?:[\\w.]+\\.)?PlaybookRows\\s+playbooks\\s*;");

  /** Whether the rules declare the table the lookup rule reads (rules/playbook-flow.drl). */
  static boolean lookupDeclared(Collection<byte[]> ruleFiles) {
    return ruleFiles.stream()
        .anyMatch(b -> LOOKUP_GLOBAL.matcher(new String(b, StandardCharsets.UTF_8)).find());
  }

  /** Whether this table is the Playbooks table with the shipped hidden rows. */
  static boolean readsAsData(Workbook book, Table table) {
    return table.name().equals("Playbooks") && !table.rows().isEmpty() && shipped(book, table);
  }

  /** The rows as data; only after validation, which refuses a cell that is not a number. */
  static PlaybookRows rows(Table table) {
    List<PlaybookRows.Row> rows = new ArrayList<>(table.rows().size());
    for (DataRow r : table.rows()) {
      rows.add(
          new PlaybookRows.Row(
              // the name Drools gives a row compiled sheet by sheet, so both paths agree
              table.sheet() + " " + table.ruleName(r),
              cell(table, r, "Error type"),
              cell(table, r, "Action"),
              number(table, r, "Max retries"),
              cell(table, r, "Backoff (s)"),
              number(table, r, "Timeout (s)"),
              cell(table, r, "Health check"),
              cell(table, r, "Fallback actions"),
              cell(table, r, "Then run playbook"),
              number(table, r, "Circuit breaker after (failures)")));
    }
    return new PlaybookRows(rows);
  }

  private static boolean shipped(Workbook book, Table table) {
    List<Column> columns = table.columns();
    if (!columns.stream().map(Column::header).toList().equals(List.copyOf(SHIPPED.keySet()))) {
      return false;
    }
    Sheet sheet = book.getSheet(table.sheet());
    // data rows start five rows below the "RuleTable" cell: kinds, object types, code, headers
    int ruleTable = table.rows().get(0).row() - 6;
    Row kinds = sheet.getRow(ruleTable + 1);
    Row objects = sheet.getRow(ruleTable + 2);
    Row code = sheet.getRow(ruleTable + 3);
    if (kinds == null || objects == null || code == null) {
      return false;
    }
    for (Column c : columns) {
      String[] expected = SHIPPED.get(c.header());
      String kind = c.condition() ? "CONDITION" : "ACTION";
      if (!text(kinds, c.index()).equals(kind)
          || !text(objects, c.index()).equals(expected[0])
          || !text(code, c.index()).equals(expected[1])) {
        return false;
      }
    }
    return true;
  }

  private static String text(Row row, int column) {
    return row.getCell(column) == null ? "" : FORMAT.formatCellValue(row.getCell(column)).trim();
  }

  private static String cell(Table t, DataRow r, String header) {
    return r.value(t.column(header));
  }

  /** Validation has already refused anything but a whole number in these columns. */
  private static int number(Table t, DataRow r, String header) {
    String v = cell(t, r, header);
    return v == null ? 0 : Integer.parseInt(v.trim());
  }
}
