package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.drools.decisiontable.SpreadsheetCompiler;

/** The shipped policy as the engine compiles it: DRL per sheet and per rule file, and its cells. */
final class ShippedRules {

  private static final PolicyFiles FILES = PolicyFiles.fromDirectory(ShippedPolicy.DIR);

  private ShippedRules() {}

  /** Rule text by file: generated DRL for each sheet (as SpreadsheetCompiler writes it). */
  static Map<String, String> drl() {
    Map<String, String> drl = new TreeMap<>();
    FILES
        .workbooks()
        .forEach(
            (file, bytes) -> {
              for (Table t : WorkbookTables.read(file, bytes)) {
                drl.put(
                    file + "/" + t.sheet(),
                    new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), t.sheet()));
              }
            });
    FILES
        .ruleFiles()
        .forEach((file, bytes) -> drl.put(file, new String(bytes, StandardCharsets.UTF_8)));
    return drl;
  }

  /** Every value written in a condition cell of any table: the codes the workbooks know. */
  static List<String> conditionValues() {
    TreeSet<String> values = new TreeSet<>();
    FILES
        .workbooks()
        .forEach(
            (file, bytes) -> {
              for (Table t : WorkbookTables.read(file, bytes)) {
                for (DataRow row : t.rows()) {
                  for (Column c : t.columns()) {
                    if (c.condition() && row.value(c) != null) {
                      values.add(row.value(c));
                    }
                  }
                }
              }
            });
    return new ArrayList<>(values);
  }
}
