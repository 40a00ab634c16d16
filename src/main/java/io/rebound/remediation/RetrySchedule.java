package io.rebound.remediation;

import java.time.Duration;
import java.util.List;

/**
 * When the next attempt of a step runs. The policy's backoffSeconds has one entry per retry:
 * attempt 1 runs as soon as the step starts; attempt n+1 (retry n) runs backoffSeconds[n-1] seconds
 * after attempt n failed. A list shorter than the retries repeats its last entry; an empty list
 * means no wait. The wait is a scheduled time in the database, never a sleeping thread.
 */
final class RetrySchedule {

  private RetrySchedule() {}

  /**
   * @param failedAttemptNo the attempt that just failed (1-based)
   * @return the wait before attempt failedAttemptNo + 1
   */
  static Duration waitAfter(int failedAttemptNo, List<Integer> backoffSeconds) {
    if (backoffSeconds.isEmpty() || failedAttemptNo < 1) {
      return Duration.ZERO;
    }
    int index = Math.min(failedAttemptNo - 1, backoffSeconds.size() - 1);
    return Duration.ofSeconds(Math.max(0, backoffSeconds.get(index)));
  }
}
