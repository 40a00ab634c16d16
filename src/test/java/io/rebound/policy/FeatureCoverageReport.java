package io.rebound.policy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table rows the feature scenarios reach, collected from the explanation of every what-if
 * answer they get, and the report `mvn verify` writes from them: every row of every shipped table
 * that no scenario reaches. Computed from the workbooks in the policy folder, never from a fixed
 * list, so a new workbook or row shows up by itself.
 */
public final class FeatureCoverageReport {

  /** `-Drebound.coverage.strict=true` fails the build when any row is unreached. */
  public static final String STRICT = "rebound.coverage.strict";

  private static final Set<PolicyCoverage.RowRef> REACHED = ConcurrentHashMap.newKeySet();
  private static final Set<String> VERSIONS = ConcurrentHashMap.newKeySet();
  private static final Set<String> SCENARIOS = ConcurrentHashMap.newKeySet();

  private FeatureCoverageReport() {}

  /** Counts a scenario that asked Rebound for a decision. */
  public static void scenarioAsked(String scenario) {
    SCENARIOS.add(scenario);
  }

  /** Records the rows one what-if answer's explanation names; answers without one are ignored. */
  public static void record(JsonNode answer) {
    if (answer == null || !answer.path("explanation").isArray()) {
      return;
    }
    VERSIONS.add(answer.path("policyVersion").asString());
    for (JsonNode e : answer.path("explanation")) {
      if (e.path("row").isNumber() && e.path("sheet").isString()) {
        REACHED.add(
            new PolicyCoverage.RowRef(
                e.path("file").asString(), e.path("sheet").asString(), e.path("row").asInt()));
      }
    }
  }

  /** The summary written and printed at the end of a run. */
  public record Outcome(PolicyCoverage.FeatureReport report, String text) {

    public int unreachedRows() {
      return report.rows() - report.reached();
    }
  }

  /**
   * After the last scenario: writes policy-coverage.json and policy-coverage.md into {@code target}
   * for the policy in {@code policyDir} (its rules/ and decision-tables/), prints the unreached
   * rows as a warning in the build log, and fails when {@code strict} and any row is unreached.
   */
  public static Outcome finish(Path policyDir, Path target, boolean strict, PrintStream log) {
    return finish(
        PolicyFiles.fromDirectory(policyDir),
        Set.copyOf(REACHED),
        SCENARIOS.size(),
        Set.copyOf(VERSIONS),
        target,
        strict,
        log);
  }

  static Outcome finish(
      PolicyFiles files,
      Set<PolicyCoverage.RowRef> reached,
      int scenarios,
      Set<String> versionsSeen,
      Path target,
      boolean strict,
      PrintStream log) {
    List<PolicyCoverage.TableCoverage> tables = PolicyCoverage.of(files, reached);
    int rows = tables.stream().mapToInt(PolicyCoverage.TableCoverage::rows).sum();
    int hit = tables.stream().mapToInt(PolicyCoverage.TableCoverage::reached).sum();
    Set<String> others = new TreeSet<>(versionsSeen);
    others.remove(files.version());
    var report =
        new PolicyCoverage.FeatureReport(
            files.version(), scenarios, rows, hit, tables, new ArrayList<>(others));
    String text = markdown(report);
    try {
      Files.createDirectories(target);
      JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      Files.writeString(
          target.resolve("policy-coverage.json"),
          json.writeValueAsString(report),
          StandardCharsets.UTF_8);
      Files.writeString(target.resolve("policy-coverage.md"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Outcome outcome = new Outcome(report, text);
    int unreached = outcome.unreachedRows();
    if (unreached == 0) {
      log.println("[INFO] Policy coverage: every table row is reached by a feature scenario");
      return outcome;
    }
    log.println(
        "[WARNING] Policy coverage: "
            + unreached
            + " table rows are reached by no feature scenario ("
            + target.resolve("policy-coverage.md")
            + ")\n"
            + text);
    if (strict) {
      throw new AssertionError(
          unreached
              + " policy table rows are reached by no feature scenario and "
              + STRICT
              + " is on; add scenarios for them (listed in "
              + target.resolve("policy-coverage.md")
              + ")");
    }
    return outcome;
  }

  private static String markdown(PolicyCoverage.FeatureReport r) {
    StringBuilder md = new StringBuilder("# Policy rows no feature scenario reaches\n\n");
    md.append("Policy ")
        .append(r.policyVersion())
        .append(": ")
        .append(r.scenarios())
        .append(" scenarios reach ")
        .append(r.reached())
        .append(" of ")
        .append(r.rows())
        .append(" table rows; ")
        .append(r.rows() - r.reached())
        .append(" are reached by none.\n");
    if (!r.otherVersions().isEmpty()) {
      md.append("\nSome answers came from another policy version (")
          .append(String.join(", ", r.otherVersions()))
          .append("): their rows are counted against this folder's workbooks.\n");
    }
    if (!r.withUnreachedRows().isEmpty()) {
      md.append("\n| workbook | sheet | rows no scenario reaches |\n|---|---|---|\n");
      for (var t : r.withUnreachedRows()) {
        md.append("| ")
            .append(t.workbook())
            .append(" | ")
            .append(t.sheet())
            .append(" | ")
            .append(t.unreached().stream().map(String::valueOf).collect(Collectors.joining(", ")))
            .append(" (")
            .append(t.unreached().size())
            .append(" of ")
            .append(t.rows())
            .append(") |\n");
      }
    }
    return md.toString();
  }
}
