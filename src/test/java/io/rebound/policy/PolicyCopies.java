package io.rebound.policy;

import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/** A copy of the shipped policy in a temp folder, edited the way ops would edit it. */
final class PolicyCopies {

  private PolicyCopies() {}

  static Path copyShipped(Path into) {
    try {
      for (String folder : new String[] {"rules", "decision-tables"}) {
        Path target = Files.createDirectories(into.resolve(folder));
        try (Stream<Path> files = Files.list(ShippedPolicy.DIR.resolve(folder))) {
          for (Path f : files.toList()) {
            Files.copy(f, target.resolve(f.getFileName()));
          }
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where a table's cell is: the A1 reference of the column with that header in that row. */
  static String cellOf(
      Path dir, String workbook, String table, String keyHeader, String key, String header) {
    Table t = table(dir, workbook, table);
    for (DataRow r : t.rows()) {
      if (key.equals(r.value(t.column(keyHeader)))) {
        return t.cellRef(r, t.column(header));
      }
    }
    throw new AssertionError("no row with " + keyHeader + " " + key);
  }

  /**
   * The spreadsheet row number of the first row whose column {@code header} holds {@code value}.
   */
  static int rowWith(Table t, String header, String value) {
    return t.rows().stream()
        .filter(r -> value.equals(r.value(t.column(header))))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + header + " " + value))
        .row();
  }

  static Table table(Path dir, String workbook, String table) {
    try {
      byte[] bytes = Files.readAllBytes(dir.resolve("decision-tables/" + workbook));
      return WorkbookTables.read(workbook, bytes).stream()
          .filter(t -> t.name().equals(table))
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void setCell(Path dir, String workbook, String sheet, String a1, Object value) {
    Path file = dir.resolve("decision-tables/" + workbook);
    try (InputStream in = Files.newInputStream(file);
        Workbook wb = WorkbookFactory.create(in)) {
      Sheet s = wb.getSheet(sheet);
      CellReference ref = new CellReference(a1);
      Row row = s.getRow(ref.getRow()) == null ? s.createRow(ref.getRow()) : s.getRow(ref.getRow());
      Cell cell =
          row.getCell(ref.getCol()) == null
              ? row.createCell(ref.getCol())
              : row.getCell(ref.getCol());
      if (value instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else {
        cell.setCellValue(value.toString());
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The 1-based number of the first row of a sheet whose cell in column {@code col} is {@code
   * text}.
   */
  static int rowOfText(Path dir, String workbook, String sheet, int col, String text) {
    Path file = dir.resolve("decision-tables/" + workbook);
    try (InputStream in = Files.newInputStream(file);
        Workbook wb = WorkbookFactory.create(in)) {
      var format = new org.apache.poi.ss.usermodel.DataFormatter();
      for (Row r : wb.getSheet(sheet)) {
        if (text.equals(format.formatCellValue(r.getCell(col)).trim())) {
          return r.getRowNum() + 1;
        }
      }
      throw new AssertionError("no row of " + sheet + " says " + text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String readCell(Path dir, String workbook, String sheet, int row, int col) {
    Path file = dir.resolve("decision-tables/" + workbook);
    try (InputStream in = Files.newInputStream(file);
        Workbook wb = WorkbookFactory.create(in)) {
      Cell cell = wb.getSheet(sheet).getRow(row - 1).getCell(col);
      return new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(cell);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
