package io.rebound.incident;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an incident is in its life. OPEN → DECIDED → REMEDIATING → RESOLVED | ESCALATED |
 * SUPPRESSED; a decided incident may also be resolved (the platform recovered on its own),
 * escalated (nothing safe to do) or suppressed without remediation. The last three are final.
 */
public enum IncidentStatus {
  OPEN,
  DECIDED,
  REMEDIATING,
  RESOLVED,
  ESCALATED,
  SUPPRESSED;

  private Set<IncidentStatus> next() {
    return switch (this) {
      case OPEN -> EnumSet.of(DECIDED);
      case DECIDED -> EnumSet.of(REMEDIATING, RESOLVED, ESCALATED, SUPPRESSED);
      case REMEDIATING -> EnumSet.of(RESOLVED, ESCALATED);
      case RESOLVED, ESCALATED, SUPPRESSED -> EnumSet.noneOf(IncidentStatus.class);
    };
  }

  public boolean canMoveTo(IncidentStatus target) {
    return next().contains(target);
  }

  /** Still being worked on. */
  public boolean isOpen() {
    return this == OPEN || this == DECIDED || this == REMEDIATING;
  }

  /**
   * Repeats of the same failure count against it instead of opening a new incident. An escalated
   * incident is with a human: more copies of the same failure are more occurrences of it, not new
   * incidents that would escalate (and page) again.
   */
  public boolean absorbsRepeats() {
    return isOpen() || this == ESCALATED;
  }

  /** The transition, or IllegalStateException naming both states. */
  public IncidentStatus moveTo(IncidentStatus target) {
    if (!canMoveTo(target)) {
      throw new IllegalStateException(
          "An incident that is " + this + " cannot become " + target + "; allowed next: " + next());
    }
    return target;
  }

  public static Optional<IncidentStatus> fromName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.name().equals(v)).findFirst();
  }
}
