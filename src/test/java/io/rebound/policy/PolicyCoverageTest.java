package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.failure.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feature coverage report `mvn verify` writes, and what the coverage endpoint makes of the
 * report a build ships.
 */
class PolicyCoverageTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theReportListsEveryRowNoDecisionReachedComputedFromTheWorkbooks(@TempDir Path target) {
    PolicyFiles files = PolicyFiles.fromDirectory(ShippedPolicy.DIR);
    PolicyEngine engine = PolicyEngine.shipped();
    Set<PolicyCoverage.RowRef> reached = new HashSet<>();
    engine
        .evaluate(
            Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION))
        .explanation()
        .forEach(e -> reached.add(PolicyCoverage.RowRef.of(e)));
    reached.remove(null);
    var playbooks = PolicyCopies.table(ShippedPolicy.DIR, "playbooks.xlsx", "Playbooks");
    int driverRow = PolicyCopies.rowWith(playbooks, "Error type", "DatabricksDriverNotResponding");
    int gatewayRow = PolicyCopies.rowWith(playbooks, "Error type", "GatewayTimeout");
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    FeatureCoverageReport.Outcome outcome =
        FeatureCoverageReport.finish(
            files,
            reached,
            1,
            Set.of(files.version()),
            target,
            false,
            new PrintStream(log, true, StandardCharsets.UTF_8));

    int allRows = 0;
    for (var wb : files.workbooks().entrySet()) {
      for (var t : WorkbookTables.read(wb.getKey(), wb.getValue())) {
        allRows += t.rows().size();
      }
    }
    assertThat(outcome.report().rows()).isEqualTo(allRows);
    assertThat(outcome.report().reached()).isEqualTo(reached.size());
    assertThat(outcome.unreachedRows()).isEqualTo(allRows - reached.size());
    var table =
        outcome.report().tables().stream()
            .filter(t -> t.table().equals("Playbooks"))
            .findFirst()
            .orElseThrow();
    assertThat(table.workbook()).isEqualTo("playbooks.xlsx");
    assertThat(table.unreached()).contains(gatewayRow).doesNotContain(driverRow);
    assertThat(target.resolve("policy-coverage.md"))
        .content()
        .contains("| playbooks.xlsx | Playbooks | ")
        .contains(String.valueOf(gatewayRow));
    var written =
        JSON.readValue(
            target.resolve("policy-coverage.json").toFile(), PolicyCoverage.FeatureReport.class);
    assertThat(written).isEqualTo(outcome.report());
    assertThat(log.toString(StandardCharsets.UTF_8))
        .startsWith("[WARNING] Policy coverage: " + outcome.unreachedRows() + " table rows");
  }

  @Test
  void strictFailsWhenARowIsUnreachedAndPassesWhenAllAre(@TempDir Path target) {
    PolicyFiles files = PolicyFiles.fromDirectory(ShippedPolicy.DIR);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> FeatureCoverageReport.finish(files, Set.of(), 0, Set.of(), target, true, quiet))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("rebound.coverage.strict is on");

    Set<PolicyCoverage.RowRef> every = new HashSet<>();
    for (var wb : files.workbooks().entrySet()) {
      for (var t : WorkbookTables.read(wb.getKey(), wb.getValue())) {
        t.rows()
            .forEach(r -> every.add(new PolicyCoverage.RowRef(wb.getKey(), t.sheet(), r.row())));
      }
    }
    var outcome = FeatureCoverageReport.finish(files, every, 3, Set.of(), target, true, quiet);
    assertThat(outcome.unreachedRows()).isZero();
    assertThat(outcome.report().withUnreachedRows()).isEmpty();
  }

  @Test
  void theEndpointShowsAShippedFeatureReportOnlyForTheVersionItWasComputedOn(@TempDir Path target) {
    PolicyFiles files = PolicyFiles.fromDirectory(ShippedPolicy.DIR);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    var outcome = FeatureCoverageReport.finish(files, Set.of(), 0, Set.of(), target, false, quiet);
    var report = new FileSystemResource(target.resolve("policy-coverage.json"));

    var same = PolicyCoverage.features(files.version(), JSON, report);
    assertThat(same.available()).isTrue();
    assertThat(same.report()).isEqualTo(outcome.report());

    var other = PolicyCoverage.features("sha256:0000000000000000", JSON, report);
    assertThat(other.available()).isFalse();
    assertThat(other.report()).isNull();
    assertThat(other.note()).contains(files.version(), "sha256:0000000000000000");

    var none =
        PolicyCoverage.features(
            files.version(), JSON, new FileSystemResource(target.resolve("missing.json")));
    assertThat(none.available()).isFalse();
    assertThat(none.note()).contains("mvn verify");

    var broken =
        PolicyCoverage.features(files.version(), JSON, new ByteArrayResource("{oops".getBytes()));
    assertThat(broken.available()).isFalse();
    assertThat(broken.note()).contains("cannot be read");
  }

  @Test
  void aNewWorkbookAddsItsRowsToTheReportByItself(@TempDir Path dir, @TempDir Path target)
      throws Exception {
    PolicyCopies.copyShipped(dir);
    PolicyFiles before = PolicyFiles.fromDirectory(dir);
    Files.copy(
        dir.resolve("decision-tables/library-fallbacks.xlsx"),
        dir.resolve("decision-tables/more-fallbacks.xlsx"));
    PolicyFiles after = PolicyFiles.fromDirectory(dir);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    var a = FeatureCoverageReport.finish(before, Set.of(), 0, Set.of(), target, false, quiet);
    var b = FeatureCoverageReport.finish(after, Set.of(), 0, Set.of(), target, false, quiet);

    assertThat(b.report().rows()).isGreaterThan(a.report().rows());
    assertThat(b.report().tables().stream().map(PolicyCoverage.TableCoverage::workbook).toList())
        .contains("more-fallbacks.xlsx");
    assertThat(List.copyOf(a.report().tables())).isNotEqualTo(b.report().tables());
  }
}
