package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Reads the shipped workbooks' tables with POI, so tests can check behaviour row by row. */
final class Workbooks {

  private Workbooks() {}

  static Table table(String workbook, String tableName) {
    try {
      byte[] bytes = Files.readAllBytes(ShippedPolicy.DIR.resolve("decision-tables/" + workbook));
      List<Table> tables = WorkbookTables.read(workbook, bytes);
      return tables.stream()
          .filter(t -> t.name().equals(tableName))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no table " + tableName + " in " + workbook));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
