package io.rebound.remediation;

import java.time.Duration;
import java.util.List;

/**
 * When each attempt of a step runs. The failure that opened the incident was the platform's own
 * try; a playbook's "Max retries" are Rebound's attempts after it, and "Backoff (s)" has one wait
 * per retry: attempt 1 runs backoffSeconds[0] after the step starts (GatewayTimeout: the rerun
 * comes 10 s after the alert), attempt n+1 runs backoffSeconds[n] after attempt n failed. A list
 * shorter than the retries repeats its last entry (the policy refuses such lists; this is only a
 * guard); an empty list means no wait. The wait is a scheduled time in the database, never a
 * sleeping thread.
 */
final class RetrySchedule {

  private RetrySchedule() {}

  /**
   * @param attemptNo the attempt about to be scheduled (1-based)
   * @return how long to wait before it, from the step's start or the previous attempt's failure
   */
  static Duration waitBefore(int attemptNo, List<Integer> backoffSeconds) {
    if (backoffSeconds.isEmpty() || attemptNo < 1) {
      return Duration.ZERO;
    }
    int index = Math.min(attemptNo - 1, backoffSeconds.size() - 1);
    return Duration.ofSeconds(Math.max(0, backoffSeconds.get(index)));
  }
}
