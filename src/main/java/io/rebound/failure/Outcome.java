package io.rebound.failure;

/**
 * What the event itself says happened. Only the policy decides whether it is a failure worth acting
 * on: a TERMINATED cluster may be a normal stop (INACTIVITY) or a fault (DRIVER_UNREACHABLE).
 */
public enum Outcome {
  /** The payload reports a failed run, a fired alert, an error. */
  FAILED,
  /** A cluster or run ended; its termination code says whether that was normal. */
  TERMINATED,
  /** The run finished successfully. */
  SUCCEEDED,
  /** An Azure Monitor alert whose condition is resolved. */
  RESOLVED,
  /** A run started or is still running. */
  IN_PROGRESS,
  /** A warning, such as a job running longer than its threshold. */
  WARNING,
  /** The payload does not say. */
  UNKNOWN
}
