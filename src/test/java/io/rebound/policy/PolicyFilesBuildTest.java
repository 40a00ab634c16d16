package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.policy.WorkbookTables.Table;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Compiles every workbook sheet and rule file in the top-level rules/ and decision-tables/ folders
 * (the files ops edit) and fails on any build message, warnings included (also those Drools only
 * logs).
 */
@ExtendWith(OutputCaptureExtension.class)
class PolicyFilesBuildTest {

  /** Every rule is in package io.rebound.policy, so its file goes in that folder. */
  private static String kiePath(String file) {
    return "src/main/resources/io/rebound/policy/" + file.replaceAll("[^A-Za-z0-9.-]", "_");
  }

  @Test
  void everyWorkbookAndRuleFileCompilesWithoutAnyMessage(CapturedOutput output) {
    PolicyFiles files = PolicyFiles.fromDirectory(ShippedPolicy.DIR);
    assertThat(files.workbooks().keySet())
        .contains(
            "decision-tables/classification.xlsx",
            "decision-tables/severity.xlsx",
            "decision-tables/playbooks.xlsx",
            "decision-tables/approval-gates.xlsx",
            "decision-tables/library-fallbacks.xlsx");
    assertThat(files.ruleFiles()).isNotEmpty();

    KieServices ks = KieServices.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId id = ks.newReleaseId("io.rebound", "policy-build-test", "1.0.0");
    kfs.generateAndWritePomXML(id);
    List<Table> tables = new ArrayList<>();
    for (var wb : files.workbooks().entrySet()) {
      List<Table> found = WorkbookTables.read(wb.getKey(), wb.getValue());
      assertThat(found).as("decision tables in %s", wb.getKey()).isNotEmpty();
      tables.addAll(found);
      for (String sheet : found.stream().map(Table::sheet).distinct().toList()) {
        String drl =
            new SpreadsheetCompiler().compile(new ByteArrayInputStream(wb.getValue()), sheet);
        assertThat(drl).as("%s sheet %s", wb.getKey(), sheet).contains("rule \"");
        kfs.write(kiePath(wb.getKey() + "/" + sheet + ".drl"), drl);
      }
    }
    files
        .ruleFiles()
        .forEach(
            (path, bytes) -> kfs.write(kiePath(path), new String(bytes, StandardCharsets.UTF_8)));

    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    ks.getRepository().removeKieModule(id);

    assertThat(builder.getResults().getMessages()).extracting(Message::toString).isEmpty();
    assertThat(output).doesNotContain("WARN").doesNotContain("ERROR");
    assertThat(PolicyValidator.validate(tables)).isEmpty();
  }
}
