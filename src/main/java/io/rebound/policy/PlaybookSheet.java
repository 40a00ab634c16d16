package io.rebound.policy;

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
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Decides whether the Playbooks table can be read as data ({@link PlaybookRows}) instead of being
 * compiled into one rule per row: only when its hidden rows say exactly what the shipped sheet
 * says, so reading it as data gives every row the meaning its hidden rows give it. Anything else (a
 * column added, a snippet changed) is compiled as rules, as before.
 */
final class PlaybookSheet {

  /** Header, then the hidden object-type and code cells of each column, as shipped. */
  private static final SheetLayout SHIPPED;

  static {
    Map<String, String[]> columns = new LinkedHashMap<>();
    columns.put("Error type", new String[] {"c: Classified", "errorType == \"$param\""});
    columns.put(
        "Action",
        new String[] {
          "",
          "PlaybookChoice p = new PlaybookChoice(drools.getRule().getName(), c.getErrorType(),"
              + " \"$param\");"
        });
    columns.put("Max retries", new String[] {"", "p.setMaxRetries($param);"});
    columns.put("Backoff (s)", new String[] {"", "p.setBackoff(\"$param\");"});
    columns.put("Timeout (s)", new String[] {"", "p.setTimeoutSeconds($param);"});
    columns.put("Health check", new String[] {"", "p.setHealthCheck(\"$param\");"});
    columns.put("Fallback actions", new String[] {"", "p.setFallbacks(\"$param\");"});
    columns.put("Then run playbook", new String[] {"", "p.setChain(\"$param\");"});
    columns.put(
        "Circuit breaker after (failures)",
        new String[] {"", "p.setCircuitBreakerThreshold($param); insert(p);"});
    SHIPPED = new SheetLayout("Playbooks", columns, false);
  }

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
    return SHIPPED.matches(book, table);
  }

  /** The rows as data; only after validation, which refuses a cell that is not a number. */
  static PlaybookRows rows(Table table) {
    List<PlaybookRows.Row> rows = new ArrayList<>(table.rows().size());
    for (DataRow r : table.rows()) {
      rows.add(
          new PlaybookRows.Row(
              SheetLayout.ruleName(table, r),
              SheetLayout.cell(table, r, "Error type"),
              SheetLayout.cell(table, r, "Action"),
              number(table, r, "Max retries"),
              SheetLayout.cell(table, r, "Backoff (s)"),
              number(table, r, "Timeout (s)"),
              SheetLayout.cell(table, r, "Health check"),
              SheetLayout.cell(table, r, "Fallback actions"),
              SheetLayout.cell(table, r, "Then run playbook"),
              number(table, r, "Circuit breaker after (failures)")));
    }
    return new PlaybookRows(rows);
  }

  /** Validation has already refused anything but a whole number in these columns. */
  private static int number(Table t, DataRow r, String header) {
    String v = SheetLayout.cell(t, r, header);
    return v == null ? 0 : Integer.parseInt(v.trim());
  }
}
