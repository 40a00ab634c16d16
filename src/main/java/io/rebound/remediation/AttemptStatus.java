package io.rebound.remediation;

import java.util.Set;

/**
 * Where one attempt of a step is. CLAIMED is committed before the platform is called, so a CLAIMED
 * attempt found later is one whose outcome is unknown (the instance died during the call): it is
 * reconciled against the platform, never skipped. SUCCEEDED, FAILED and THROTTLED are final.
 */
enum AttemptStatus {
  CLAIMED,
  /** The platform accepted the action; its health check has not passed yet. */
  PERFORMED,
  SUCCEEDED,
  FAILED,
  /** The platform asked to come back later (429/503 Retry-After): does not count as a retry. */
  THROTTLED;

  boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == THROTTLED;
  }

  /** Whether the attempt uses one of the step's attempts; a throttled call does not. */
  boolean countsAsAttempt() {
    return this != THROTTLED;
  }

  /**
   * @throws IllegalStateException on a move an attempt may not make
   */
  AttemptStatus moveTo(AttemptStatus next) {
    Set<AttemptStatus> allowed =
        switch (this) {
          case CLAIMED -> Set.of(PERFORMED, FAILED, THROTTLED);
          case PERFORMED -> Set.of(SUCCEEDED, FAILED);
          case SUCCEEDED, FAILED, THROTTLED -> Set.of();
        };
    if (!allowed.contains(next)) {
      throw new IllegalStateException("An attempt cannot go from " + this + " to " + next);
    }
    return next;
  }
}
