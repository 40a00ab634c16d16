package io.rebound.remediation;

import java.util.Set;

/**
 * Where a step is. A step runs once; a fallback that is not needed is SKIPPED. SUCCEEDED, FAILED
 * and SKIPPED are final.
 */
enum StepStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED;

  /**
   * @throws IllegalStateException on a move a step may not make
   */
  StepStatus moveTo(StepStatus next) {
    Set<StepStatus> allowed =
        switch (this) {
          case PENDING -> Set.of(RUNNING, SKIPPED);
          case RUNNING -> Set.of(SUCCEEDED, FAILED);
          case SUCCEEDED, FAILED, SKIPPED -> Set.of();
        };
    if (!allowed.contains(next)) {
      throw new IllegalStateException("A step cannot go from " + this + " to " + next);
    }
    return next;
  }
}
