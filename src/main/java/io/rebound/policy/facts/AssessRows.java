package io.rebound.policy.facts;

import io.rebound.policy.facts.DerivedFacts.Assessment;
import io.rebound.policy.facts.DerivedFacts.CategoryAssigned;
import io.rebound.policy.facts.DerivedFacts.Classified;
import io.rebound.policy.facts.DerivedFacts.Derived;
import io.rebound.policy.facts.DerivedFacts.NeverAutomatic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sheets that read only the settled error type (and environment) read as data: Never automatic,
 * Categories and Severity, each indexed by its condition cells. A row gives the fact its hidden
 * rows insert, named after the row, so the explanation names the row as when each row was a rule.
 * The rules reach it as the global {@code assess}; a sheet whose hidden rows say anything else is
 * compiled as rules instead and has no rows here.
 */
public final class AssessRows {

  /** A row of Never automatic: error type, then why. */
  public record NeverRow(String rule, String errorType, String because) {}

  /** A row of Categories: error type, then category. */
  public record CategoryRow(String rule, String errorType, String category) {}

  /** A row of Severity: error type and environment, then severity and priority. */
  public record SeverityRow(
      String rule, String errorType, String environment, String severity, String priority) {}

  public static final AssessRows NONE = new AssessRows(List.of(), List.of(), List.of());

  private final Map<String, List<NeverRow>> never = new HashMap<>();
  private final Map<String, List<CategoryRow>> categories = new HashMap<>();
  private final Map<String, List<SeverityRow>> severities = new HashMap<>();

  /** Each list in sheet order, top row first. */
  public AssessRows(List<NeverRow> never, List<CategoryRow> categories, List<SeverityRow> sev) {
    never.forEach(r -> this.never.computeIfAbsent(r.errorType(), k -> list()).add(r));
    categories.forEach(r -> this.categories.computeIfAbsent(r.errorType(), k -> list()).add(r));
    sev.forEach(
        r -> severities.computeIfAbsent(key(r.errorType(), r.environment()), k -> list()).add(r));
  }

  private static <T> List<T> list() {
    return new ArrayList<>(1);
  }

  private static String key(String errorType, String environment) {
    return errorType + '\n' + environment;
  }

  /**
   * What the matching rows insert, in the order their rules fired when each row was a rule (the
   * workbooks' load order: approval-gates, classification, severity), top row first per sheet.
   */
  public RowsFound matching(Classified c) {
    List<Derived> found = new ArrayList<>(3);
    for (NeverRow r : never.getOrDefault(c.getErrorType(), List.of())) {
      found.add(new NeverAutomatic(r.rule(), r.because()));
    }
    for (CategoryRow r : categories.getOrDefault(c.getErrorType(), List.of())) {
      found.add(new CategoryAssigned(r.rule(), r.category()));
    }
    List<SeverityRow> sev = severities.get(key(c.getErrorType(), c.getEnvironment()));
    for (SeverityRow r : sev == null ? List.<SeverityRow>of() : sev) {
      Assessment a = new Assessment(r.rule());
      a.setSeverity(r.severity());
      a.setPriority(r.priority());
      found.add(a);
    }
    return new RowsFound(found);
  }
}
