package io.rebound.remediation;

/** An approval is decided once: PENDING, then APPROVED, REJECTED or EXPIRED for good. */
enum ApprovalStatus {
  PENDING,
  APPROVED,
  REJECTED,
  EXPIRED;

  /**
   * @throws IllegalStateException when the approval was decided already
   */
  ApprovalStatus moveTo(ApprovalStatus next) {
    if (this != PENDING || next == PENDING) {
      throw new IllegalStateException("An approval cannot go from " + this + " to " + next);
    }
    return next;
  }
}
