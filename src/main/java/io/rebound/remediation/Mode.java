package io.rebound.remediation;

/** How far Rebound may go on its own. Configured as dry-run, approve-all or auto. */
enum Mode {
  /** Decide and write what would be done to the audit trail; call nothing. */
  DRY_RUN,
  /** Every plan waits for an approver. */
  APPROVE_ALL,
  /** The policy's approvalRequired decides which plans wait. */
  AUTO;

  String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
