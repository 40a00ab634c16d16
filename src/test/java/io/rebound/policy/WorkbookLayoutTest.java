package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rebound.failure.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 7: the hidden rows of the workbooks hide no traps. A row's outcome is complete when
 * it is inserted (nothing sets a field of a fact the engine already holds), the cell that inserts
 * it is one every row must fill, and which classification sheet wins is the sheet order ops see.
 */
class WorkbookLayoutTest {

  private static final Pattern RULE =
      Pattern.compile("(?s)rule \"([^\"]+)\".*?\\bthen\\b(.*?)\\bend\\b");

  @TempDir Path dir;

  @Test
  void everyTableRowInsertsItsOutcomeLastAndNeverChangesItAfterwards() {
    int rows = 0;
    List<String> traps = new ArrayList<>();
    for (Map.Entry<String, String> sheet : ShippedRules.drl().entrySet()) {
      if (!sheet.getKey().contains(".xlsx/")) {
        continue;
      }
      Matcher m = RULE.matcher(sheet.getValue());
      while (m.find()) {
        rows++;
        String consequence = m.group(2).trim();
        int insert = consequence.lastIndexOf("insert(");
        int inserts = consequence.split("insert\\(", -1).length - 1;
        String after =
            insert < 0 ? "" : consequence.substring(consequence.indexOf(";", insert) + 1);
        if (inserts != 1 || !after.isBlank()) {
          traps.add(m.group(1) + ": " + consequence);
        }
      }
    }
    assertThat(rows).as("table rows in the shipped workbooks").isGreaterThan(400);
    assertThat(traps)
        .as("rows that insert twice, never, or change a fact after inserting it")
        .isEmpty();
  }

  @Test
  void anEmptyCellInTheColumnThatInsertsTheOutcomeIsRefusedNamingTheCell() {
    PolicyCopies.copyShipped(dir);
    String cell =
        PolicyCopies.cellOf(
            dir, "approval-gates.xlsx", "Approval", "Action", "scale_cluster", "Why");
    PolicyCopies.setCell(dir, "approval-gates.xlsx", "Approval", cell, "");

    InvalidPolicyException e =
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyEngine.fromDirectory(dir));

    assertThat(e).as("a row whose gate would silently never be inserted").isNotNull();
    assertThat(e.problems())
        .containsExactly(
            "approval-gates.xlsx, sheet Approval, cell "
                + cell
                + ": 'Why' is empty; every row needs a value here");
  }

  @Test
  void theLeftmostClassificationSheetThatMatchesWins() throws IOException {
    var fact =
        Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
    assertThat(ShippedPolicy.ENGINE.evaluateWithoutMemo(fact).decision().errorType())
        .as("Cluster terminations is left of Termination types")
        .isEqualTo("DatabricksDriverNotResponding");

    PolicyCopies.copyShipped(dir);
    moveSheet("classification.xlsx", "Termination types", "Cluster terminations");
    Evaluation moved = PolicyEngine.fromDirectory(dir).evaluateWithoutMemo(fact);

    assertThat(moved.decision().errorType()).isEqualTo("ClusterUnexpectedTermination");
    assertThat(moved.decision().reasons().get(0))
        .isEqualTo(
            "Classified as ClusterUnexpectedTermination: cluster termination type SERVICE_FAULT"
                + " (classification.xlsx, Termination types, row 12)");
  }

  /** Drags a sheet tab to just before another, as ops would in Excel. */
  private void moveSheet(String workbook, String sheet, String before) throws IOException {
    Path file = dir.resolve("decision-tables/" + workbook);
    try (InputStream in = Files.newInputStream(file);
        Workbook wb = WorkbookFactory.create(in)) {
      wb.setSheetOrder(sheet, wb.getSheetIndex(before));
      wb.setActiveSheet(0);
      wb.setSelectedTab(0);
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
  }
}
