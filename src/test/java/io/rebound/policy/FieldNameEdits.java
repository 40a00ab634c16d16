package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.extract.FieldNamesSheet;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rule author names the termination code column "StopCode", which the shipped "Field names" sheet
 * does not list; ops add it to the sheet. The alert and the edit, shared by the tests that promote
 * such a sheet.
 */
final class FieldNameEdits {

  static final String NEW_NAME = "StopCode";
  static final String CODE = "AZURE_QUOTA_EXCEEDED_EXCEPTION";

  /** A Log Analytics alert whose rule author named the termination code column ReasonCode. */
  private static final Path REASON_CODE_ALERT =
      Path.of(
          "src/test/resources/corpus/azure-monitor-log-legacy/"
              + "reason-code-column-quota-exceeded.json");

  private FieldNameEdits() {}

  /** The alert's body with its termination code column renamed to {@link #NEW_NAME}. */
  static ObjectNode alertWithNewColumnName() {
    ObjectNode body = (ObjectNode) PolicyApi.JSON.readTree(REASON_CODE_ALERT.toFile()).get("body");
    JsonNode table = body.path("data").path("alertContext").path("SearchResults").path("tables");
    boolean renamed = false;
    for (JsonNode c : table.get(0).path("columns")) {
      if (c.path("name").asString().equals("ReasonCode")) {
        ((ObjectNode) c).put("name", NEW_NAME);
        renamed = true;
      }
    }
    assertThat(renamed).as("the alert has a ReasonCode column").isTrue();
    return body;
  }

  /**
   * Adds {@link #NEW_NAME} to the names of "termination code" in dir/decision-tables/
   * classification.xlsx.
   *
   * @return the sheet row edited
   */
  static int addNewName(Path dir) {
    String workbook = FieldNamesSheet.WORKBOOK;
    int row = PolicyCopies.rowOfText(dir, workbook, FieldNamesSheet.SHEET, 1, "termination code");
    String names = PolicyCopies.readCell(dir, workbook, FieldNamesSheet.SHEET, row, 0);
    PolicyCopies.setCell(dir, workbook, FieldNamesSheet.SHEET, "A" + row, names + ", " + NEW_NAME);
    return row;
  }
}
