package io.rebound.policy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * Reads the decision tables of a workbook the way Drools' SpreadsheetCompiler lays them out: a
 * "RuleTable name" cell, then rows for CONDITION/ACTION, object type, snippet, the header ops read,
 * and the data rows until the first empty row. Used to validate cells and to map a fired rule back
 * to its sheet and row.
 */
final class WorkbookTables {

  /** One column of a table: whether it is a condition, and the header ops see. */
  record Column(int index, boolean condition, String header) {}

  /** One data row: its 1-based spreadsheet row number and its cell texts by column index. */
  record DataRow(int row, Map<Integer, String> cells) {

    String value(Column column) {
      return cells.get(column.index());
    }
  }

  /** One decision table. */
  record Table(String file, String sheet, String name, List<Column> columns, List<DataRow> rows) {

    Column column(String header) {
      return columns.stream().filter(c -> c.header().equals(header)).findFirst().orElse(null);
    }

    String cellRef(DataRow row, Column column) {
      return new CellReference(row.row() - 1, column.index()).formatAsString(false);
    }

    String where(DataRow row, Column column) {
      return file + ", sheet " + sheet + ", cell " + cellRef(row, column);
    }

    /** The header cell ops read above a column, or the sheet alone for a table without rows. */
    String whereHeader(Column column) {
      if (rows.isEmpty()) {
        return file + ", sheet " + sheet;
      }
      // the header row sits right above the first data row
      return file
          + ", sheet "
          + sheet
          + ", cell "
          + new CellReference(rows.get(0).row() - 2, column.index()).formatAsString(false);
    }

    String ruleName(DataRow row) {
      return name + "_" + row.row();
    }
  }

  private static final DataFormatter FORMAT = new DataFormatter();
  private static final String RULE_TABLE = "RuleTable";

  private WorkbookTables() {}

  /**
   * @throws IllegalArgumentException with a plain message when the bytes are not a workbook
   */
  static List<Table> read(String file, byte[] bytes) {
    try (Workbook wb = open(file, bytes)) {
      return read(file, wb);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          file + ": cannot be opened as an .xlsx workbook (" + e.getMessage() + ")", e);
    }
  }

  /**
   * @throws IllegalArgumentException with a plain message when the bytes are not a workbook
   */
  static Workbook open(String file, byte[] bytes) {
    try {
      return WorkbookFactory.create(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new IllegalArgumentException(
          file + ": cannot be opened as an .xlsx workbook (" + e.getMessage() + ")", e);
    }
  }

  /** The tables of a workbook already open (the compiler reads each workbook once). */
  static List<Table> read(String file, Workbook wb) {
    List<Table> tables = new ArrayList<>();
    try {
      for (Sheet sheet : wb) {
        for (Row row : sheet) {
          for (Cell cell : row) {
            String text = text(cell);
            if (text.startsWith(RULE_TABLE + " ")) {
              tables.add(readTable(file, sheet, row.getRowNum(), cell.getColumnIndex(), text));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + ": cannot be opened as an .xlsx workbook (" + e.getMessage() + ")", e);
    }
    return tables;
  }

  private static Table readTable(String file, Sheet sheet, int at, int firstCol, String title) {
    String name = title.substring(RULE_TABLE.length()).trim();
    Row kinds = sheet.getRow(at + 1);
    Row headers = sheet.getRow(at + 4);
    List<Column> columns = new ArrayList<>();
    if (kinds != null) {
      for (int c = firstCol; c < kinds.getLastCellNum(); c++) {
        String kind = text(kinds.getCell(c));
        if (kind.isEmpty()) {
          break;
        }
        String header = headers == null ? "" : text(headers.getCell(c));
        columns.add(new Column(c, kind.startsWith("CONDITION"), header));
      }
    }
    List<DataRow> rows = new ArrayList<>();
    for (int r = at + 5; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      Map<Integer, String> cells = new LinkedHashMap<>();
      if (row != null) {
        for (Column col : columns) {
          String v = text(row.getCell(col.index()));
          if (!v.isEmpty()) {
            cells.put(col.index(), v);
          }
        }
      }
      if (cells.isEmpty()) {
        break;
      }
      rows.add(new DataRow(r + 1, cells));
    }
    return new Table(file, sheet.getSheetName(), name, columns, rows);
  }

  private static String text(Cell cell) {
    return cell == null ? "" : FORMAT.formatCellValue(cell).trim();
  }
}
