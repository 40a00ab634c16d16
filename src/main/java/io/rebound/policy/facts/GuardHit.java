package io.rebound.policy.facts;

/**
 * A row of the Guards sheet matched: the decision escalates, or its first action waits for a
 * person. Built and completed by the row's cells before it is inserted, never changed after.
 */
public final class GuardHit extends DerivedFacts.Derived {

  public static final String ESCALATE = "escalate";
  public static final String APPROVAL = "ask for approval";

  private final String outcome;
  private String because;

  public GuardHit(String rule, String outcome) {
    super(rule);
    this.outcome = outcome.trim().toLowerCase(java.util.Locale.ROOT);
  }

  public String getOutcome() {
    return outcome;
  }

  public boolean escalates() {
    return ESCALATE.equals(outcome);
  }

  public String getBecause() {
    return because;
  }

  public void setBecause(String because) {
    this.because = because;
  }
}
