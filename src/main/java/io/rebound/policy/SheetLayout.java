package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The hidden rows of a shipped lookup sheet, column by column: its header, the object-type cell and
 * the code cell. A table whose hidden rows say exactly this (and whose rows fill every condition
 * cell) can be read as data, each row meaning what its hidden rows say; any other table (a column
 * added, a snippet changed, an empty cell meaning "any") is compiled as rules.
 *
 * @param columns header → {object-type cell, code cell}, in sheet order
 * @param everyCell whether every cell of every row must be filled: where the last cell holds the
 *     {@code insert}, an empty one means the row's rule inserts nothing, which only rules say
 */
record SheetLayout(String table, Map<String, String[]> columns, boolean everyCell) {

  private static final DataFormatter FORMAT = new DataFormatter();

  /** Whether this table is the shipped one, hidden rows and all. */
  boolean matches(Workbook book, Table t) {
    if (!t.name().equals(table)
        || t.rows().isEmpty()
        || !headersMatch(t)
        || !filled(t, everyCell)) {
      return false;
    }
    Sheet sheet = book.getSheet(t.sheet());
    // data rows start five rows below the "RuleTable" cell: kinds, object types, code, headers
    int ruleTable = t.rows().get(0).row() - 6;
    Row kinds = sheet.getRow(ruleTable + 1);
    Row objects = sheet.getRow(ruleTable + 2);
    Row code = sheet.getRow(ruleTable + 3);
    if (kinds == null || objects == null || code == null) {
      return false;
    }
    for (Column c : t.columns()) {
      String[] expected = columns.get(c.header());
      String kind = c.condition() ? "CONDITION" : "ACTION";
      if (!text(kinds, c.index()).equals(kind)
          || !text(objects, c.index()).equals(expected[0])
          || !text(code, c.index()).equals(expected[1])) {
        return false;
      }
    }
    return true;
  }

  private boolean headersMatch(Table t) {
    List<String> headers = new ArrayList<>();
    t.columns().forEach(c -> headers.add(c.header()));
    return headers.equals(List.copyOf(columns.keySet()));
  }

  /** A row with an empty condition cell matches anything there: only rules say that. */
  private static boolean filled(Table t, boolean everyCell) {
    for (DataRow r : t.rows()) {
      for (Column c : t.columns()) {
        if ((everyCell || c.condition()) && r.value(c) == null) {
          return false;
        }
      }
    }
    return true;
  }

  private static String text(Row row, int column) {
    return row.getCell(column) == null ? "" : FORMAT.formatCellValue(row.getCell(column)).trim();
  }

  /** The name Drools gives a row compiled sheet by sheet, so both paths name it alike. */
  static String ruleName(Table t, DataRow r) {
    return t.sheet() + " " + t.ruleName(r);
  }

  /** The text of a row's cell under that header; null when empty. */
  static String cell(Table t, DataRow r, String header) {
    return r.value(t.column(header));
  }
}
