package io.rebound.policy.facts;

import io.rebound.policy.facts.DerivedFacts.Assessment;
import io.rebound.policy.facts.DerivedFacts.CategoryAssigned;
import io.rebound.policy.facts.DerivedFacts.Derived;
import io.rebound.policy.facts.DerivedFacts.NeverAutomatic;
import java.util.List;

/**
 * What one lookup in the sheets read as data found, inserted as one fact: the facts the matching
 * rows describe (each named after its row), which no rule matches one by one. One insert and one
 * delete instead of one per row is most of what a lookup costs the engine. The decision's trace
 * lists every row in it, in order, as if each had been inserted on its own; the defaults and
 * invariants ask it what was found (severity, category, never automatic).
 */
public final class RowsFound {

  private final List<Derived> rows;
  private final boolean severityFound;
  private final boolean categoryFound;
  private final boolean neverAutomatic;

  public RowsFound(List<? extends Derived> rows) {
    this.rows = List.copyOf(rows);
    this.severityFound = this.rows.stream().anyMatch(Assessment.class::isInstance);
    this.categoryFound = this.rows.stream().anyMatch(CategoryAssigned.class::isInstance);
    this.neverAutomatic = this.rows.stream().anyMatch(NeverAutomatic.class::isInstance);
  }

  /** In the order their rules fired when each row was a rule. */
  public List<Derived> getRows() {
    return rows;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public boolean isSeverityFound() {
    return severityFound;
  }

  public boolean isCategoryFound() {
    return categoryFound;
  }

  public boolean isNeverAutomatic() {
    return neverAutomatic;
  }
}
