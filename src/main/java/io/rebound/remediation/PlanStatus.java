package io.rebound.remediation;

import java.util.Set;

/** Where a plan is. RESOLVED and ESCALATED are final. */
enum PlanStatus {
  AWAITING_APPROVAL,
  RUNNING,
  RESOLVED,
  ESCALATED;

  boolean isFinal() {
    return this == RESOLVED || this == ESCALATED;
  }

  /** Throws on a move the plan may not make, so a bug never silently reopens a finished plan. */
  void checkCanMoveTo(PlanStatus next) {
    Set<PlanStatus> allowed =
        switch (this) {
          case AWAITING_APPROVAL -> Set.of(RUNNING, ESCALATED);
          // a running plan parks again before a fallback or chained action the policy gates
          case RUNNING -> Set.of(AWAITING_APPROVAL, RESOLVED, ESCALATED);
          case RESOLVED, ESCALATED -> Set.of();
        };
    if (!allowed.contains(next)) {
      throw new IllegalStateException("A plan cannot go from " + this + " to " + next);
    }
  }
}
