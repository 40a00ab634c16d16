package io.rebound.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads the "Field names" sheet of the classification workbook: column A lists names rule authors
 * give a field (comma separated), column B what they mean (one of {@link FieldNames#MEANINGS}). The
 * sheet holds no decision table, so the rules compiler ignores it. The only place that knows the
 * sheet's layout: whoever has the workbook's bytes (a folder, the jar, a stored policy version)
 * hands them here.
 */
public final class FieldNamesSheet {

  public static final String WORKBOOK = "classification.xlsx";
  public static final String SHEET = "Field names";
  private static final String HEADER = "Names in the alert";

  private FieldNamesSheet() {}

  /** From a policy folder holding decision-tables/classification.xlsx. */
  public static FieldNames fromPolicyDirectory(Path policyDir) {
    try {
      return read(Files.readAllBytes(policyDir.resolve("decision-tables").resolve(WORKBOOK)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WORKBOOK + " in " + policyDir, e);
    }
  }

  /** From the policy shipped inside the jar. */
  public static FieldNames shipped() {
    try (InputStream in =
        FieldNamesSheet.class.getResourceAsStream("/policy/decision-tables/" + WORKBOOK)) {
      return in == null ? FieldNames.NONE : read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped " + WORKBOOK, e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the cell when a row means a field Rebound does not read
   */
  public static FieldNames read(byte[] workbook) {
    try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(workbook))) {
      Sheet sheet = wb.getSheet(SHEET);
      return sheet == null ? FieldNames.NONE : read(sheet);
    } catch (IOException e) {
      throw new IllegalArgumentException(WORKBOOK + " cannot be opened: " + e.getMessage(), e);
    }
  }

  private static FieldNames read(Sheet sheet) {
    DataFormatter format = new DataFormatter();
    Map<String, List<String>> synonyms = new LinkedHashMap<>();
    boolean pastHeader = false;
    for (Row row : sheet) {
      String names = text(format, row.getCell(0));
      String meaning = text(format, row.getCell(1));
      if (!pastHeader) {
        pastHeader = names.equalsIgnoreCase(HEADER);
        continue;
      }
      if (names.isEmpty() && meaning.isEmpty()) {
        continue;
      }
      // the same "workbook, sheet, cell" as every other policy message
      String at = WORKBOOK + ", sheet " + SHEET + ", cell ";
      int line = row.getRowNum() + 1;
      if (names.isEmpty() || meaning.isEmpty()) {
        throw new IllegalArgumentException(
            at
                + (names.isEmpty() ? "A" : "B")
                + line
                + ": give both the names in the alert (column A) and what they mean (column B)");
      }
      try {
        FieldNames.of(Map.of(meaning, List.of()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + "B" + line + ": " + e.getMessage());
      }
      synonyms
          .computeIfAbsent(meaning, m -> new java.util.ArrayList<>())
          .addAll(
              Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList());
    }
    return FieldNames.of(synonyms);
  }

  private static String text(DataFormatter format, Cell cell) {
    return cell == null ? "" : format.formatCellValue(cell).trim();
  }
}
