package io.rebound.policy.facts;

/**
 * The small facts rules insert while deciding. Each remembers the rule that inserted it so the
 * decision can say which row shaped it. Mutable JavaBeans only because a decision-table row sets
 * one property per column; nothing outside one evaluation ever sees them.
 */
public final class DerivedFacts {

  private DerivedFacts() {}

  /** Something a rule inserted, with the name of that rule. */
  public abstract static class Derived {
    private final String rule;

    Derived(String rule) {
      this.rule = rule;
    }

    public String getRule() {
      return rule;
    }
  }

  /** A normal stop, success or resolved alert: nothing to remediate. */
  public static final class NotAFailure extends Derived {
    private final String because;

    public NotAFailure(String rule, String because) {
      super(rule);
      this.because = because;
    }

    public String getBecause() {
      return because;
    }
  }

  /**
   * One candidate error type. Lower rank wins (codes before messages); within a rank the row
   * nearest the top of the sheet wins.
   */
  public static final class Classification extends Derived {
    private final String errorType;
    private final int rank;
    private final int row;

    public Classification(String rule, String errorType, int rank) {
      super(rule);
      this.errorType = errorType;
      this.rank = rank;
      this.row = RuleNames.rowOf(rule);
    }

    public String getErrorType() {
      return errorType;
    }

    public int getRank() {
      return rank;
    }

    public int getRow() {
      return row;
    }
  }

  /** The error type the policy settled on, with what later phases need to know. */
  public static final class Classified extends Derived {
    private final String errorType;
    private final String environment;
    private final String platform;

    public Classified(String rule, String errorType, String environment, String platform) {
      super(rule);
      this.errorType = errorType;
      this.environment = environment;
      this.platform = platform;
    }

    public String getErrorType() {
      return errorType;
    }

    public String getEnvironment() {
      return environment;
    }

    public String getPlatform() {
      return platform;
    }
  }

  /**
   * What the error message mentions, inserted only when no code classified the failure. Carries no
   * text: the rules learn only which of the policy's phrases the message mentions.
   */
  public static final class MessageText {
    private final String platform;
    private final MessageMentions message;

    public MessageText(String platform, MessageMentions message) {
      this.platform = platform;
      this.message = message;
    }

    /** Compared before any phrase, so a row for another platform is never asked. */
    public String getPlatform() {
      return platform;
    }

    /** Whole-word, case-insensitive match of a phrase from the Message patterns sheet. */
    public boolean mentions(String phrase) {
      return message.mentions(phrase);
    }
  }

  public static final class CategoryAssigned extends Derived {
    private final String category;

    public CategoryAssigned(String rule, String category) {
      super(rule);
      this.category = category;
    }

    public String getCategory() {
      return category;
    }
  }

  public static final class Assessment extends Derived {
    private String severity;
    private String priority;

    public Assessment(String rule) {
      super(rule);
    }

    public String getSeverity() {
      return severity;
    }

    public void setSeverity(String severity) {
      this.severity = severity;
    }

    public String getPriority() {
      return priority;
    }

    public void setPriority(String priority) {
      this.priority = priority;
    }
  }

  public static final class PlaybookChoice extends Derived {
    private final String errorType;
    private final String action;
    private int maxRetries;
    private String backoff;
    private int timeoutSeconds;
    private String healthCheck;
    private String fallbacks;
    private String chain;
    private int circuitBreakerThreshold;

    public PlaybookChoice(String rule, String errorType, String action) {
      super(rule);
      this.errorType = errorType;
      this.action = action;
    }

    public String getErrorType() {
      return errorType;
    }

    public String getAction() {
      return action;
    }

    public int getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public String getBackoff() {
      return backoff;
    }

    public void setBackoff(String backoff) {
      this.backoff = backoff;
    }

    public int getTimeoutSeconds() {
      return timeoutSeconds;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
    }

    public String getHealthCheck() {
      return healthCheck;
    }

    public void setHealthCheck(String healthCheck) {
      this.healthCheck = healthCheck;
    }

    public String getFallbacks() {
      return fallbacks;
    }

    public void setFallbacks(String fallbacks) {
      this.fallbacks = fallbacks;
    }

    public String getChain() {
      return chain;
    }

    public void setChain(String chain) {
      this.chain = chain;
    }

    public int getCircuitBreakerThreshold() {
      return circuitBreakerThreshold;
    }

    public void setCircuitBreakerThreshold(int circuitBreakerThreshold) {
      this.circuitBreakerThreshold = circuitBreakerThreshold;
    }

    /** Number of waits listed in the Backoff column. */
    public int getBackoffCount() {
      return PolicyLists.split(backoff).size();
    }
  }

  public static final class LibraryVersions extends Derived {
    private final String versions;

    public LibraryVersions(String rule, String versions) {
      super(rule);
      this.versions = versions;
    }

    public String getVersions() {
      return versions;
    }
  }

  /**
   * One action the playbook may take (its first action or a fallback), inserted so the approval
   * table can gate each of them: a fallback that scales a production cluster waits for a person
   * even when the restart before it did not.
   */
  public static final class PlannedAction extends Derived {
    private final String environment;
    private final String action;

    /**
     * @param environment carried here so an Approval row matches this one fact (environment and
     *     action) rather than joining it with the classification
     */
    public PlannedAction(String rule, String environment, String action) {
      super(rule);
      this.environment = environment;
      this.action = action;
    }

    /** As policy versions stored before the environment was carried here build it. */
    public PlannedAction(String rule, String action) {
      this(rule, null, action);
    }

    public String getEnvironment() {
      return environment;
    }

    public String getAction() {
      return action;
    }
  }

  /** Whether one planned action needs a person's approval before Rebound runs it. */
  public static final class Gate extends Derived {
    private final String action;
    private final boolean needsApproval;
    private String because;

    public Gate(String rule, String action, String needsApproval) {
      super(rule);
      this.action = action;
      this.needsApproval = PolicyLists.yes(needsApproval);
    }

    public String getAction() {
      return action;
    }

    public boolean isNeedsApproval() {
      return needsApproval;
    }

    public String getBecause() {
      return because;
    }

    public void setBecause(String because) {
      this.because = because;
    }
  }

  /** The error type is one a human must always handle. */
  public static final class NeverAutomatic extends Derived {
    private final String because;

    public NeverAutomatic(String rule, String because) {
      super(rule);
      this.because = because;
    }

    public String getBecause() {
      return because;
    }
  }

  /** An invariant overruled the playbook: hand the incident to a human. */
  public static final class Escalation extends Derived {
    private final String because;

    public Escalation(String rule, String because) {
      super(rule);
      this.because = because;
    }

    public String getBecause() {
      return because;
    }
  }
}
