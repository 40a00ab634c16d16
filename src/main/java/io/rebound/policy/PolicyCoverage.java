package io.rebound.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Which rows of each decision table something reached: the recorded failures (history) or the
 * feature scenarios of the build. A row is reached when it fired for at least one decision, as the
 * decision's explanation names it (workbook, sheet, row).
 */
final class PolicyCoverage {

  /**
   * Where `mvn verify` leaves the feature coverage of the policy it shipped in the jar (the pom
   * copies target/policy-coverage.json here before packaging).
   */
  static final String SHIPPED_FEATURE_REPORT = "policy/policy-coverage.json";

  /** A table row as an explanation names it. */
  record RowRef(String file, String sheet, int row) {

    static RowRef of(ExplanationEntry e) {
      return e.row() == null ? null : new RowRef(e.file(), e.sheet(), e.row());
    }
  }

  /** One table: its rows, how many were reached, and the spreadsheet rows that were not. */
  record TableCoverage(
      String workbook,
      String sheet,
      String table,
      int rows,
      int reached,
      List<Integer> unreached) {}

  /**
   * What the feature scenarios of a build reached, for the policy with that content hash.
   *
   * @param policyVersion the content hash of the policy the scenarios ran against
   * @param scenarios how many scenarios asked Rebound for a decision
   */
  record FeatureReport(
      String policyVersion,
      int scenarios,
      int rows,
      int reached,
      List<TableCoverage> tables,
      List<String> otherVersions) {

    FeatureReport {
      otherVersions = otherVersions == null ? List.of() : List.copyOf(otherVersions);
    }

    List<TableCoverage> withUnreachedRows() {
      return tables.stream().filter(t -> !t.unreached().isEmpty()).toList();
    }
  }

  /**
   * The feature coverage as the coverage endpoint shows it: there only when the build that made the
   * jar ran its features against exactly this version's files, and saying why not otherwise.
   */
  record FeatureCoverage(boolean available, String note, FeatureReport report) {}

  private PolicyCoverage() {}

  /** Every table of the files, in workbook order, with the rows not in {@code reached}. */
  static List<TableCoverage> of(PolicyFiles files, Set<RowRef> reached) {
    List<TableCoverage> tables = new ArrayList<>();
    for (var wb : files.workbooks().entrySet()) {
      String shortName = wb.getKey().substring(wb.getKey().indexOf('/') + 1);
      for (WorkbookTables.Table t : WorkbookTables.read(wb.getKey(), wb.getValue())) {
        List<Integer> unreached = new ArrayList<>();
        for (WorkbookTables.DataRow r : t.rows()) {
          if (!reached.contains(new RowRef(wb.getKey(), t.sheet(), r.row()))) {
            unreached.add(r.row());
          }
        }
        tables.add(
            new TableCoverage(
                shortName,
                t.sheet(),
                t.name(),
                t.rows().size(),
                t.rows().size() - unreached.size(),
                unreached));
      }
    }
    return tables;
  }

  /** The build's feature report shipped in the jar, matched against one version's content hash. */
  static FeatureCoverage shippedFeatures(String contentHash, ObjectMapper json) {
    return features(contentHash, json, new ClassPathResource(SHIPPED_FEATURE_REPORT));
  }

  static FeatureCoverage features(String contentHash, ObjectMapper json, Resource resource) {
    if (!resource.exists()) {
      return new FeatureCoverage(
          false,
          "This build carries no feature coverage report: it is written when `mvn verify` runs"
              + " the features (features/*.feature) before the jar is packaged.",
          null);
    }
    FeatureReport report;
    try (InputStream in = resource.getInputStream()) {
      report = json.readValue(in, FeatureReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JacksonException e) {
      return new FeatureCoverage(
          false, "The feature coverage report in this build cannot be read.", null);
    }
    if (!report.policyVersion().equals(contentHash)) {
      return new FeatureCoverage(
          false,
          "The features of this build ran against "
              + report.policyVersion()
              + " (the shipped policy), not this version ("
              + contentHash
              + "): features/*.feature were not run against these files. Run `mvn verify` on a"
              + " copy of the repository holding them to see which rows the scenarios reach.",
          null);
    }
    return new FeatureCoverage(true, null, report);
  }
}
