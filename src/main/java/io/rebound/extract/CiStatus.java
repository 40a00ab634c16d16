package io.rebound.extract;

import io.rebound.failure.Outcome;
import java.util.Locale;
import java.util.Set;

/**
 * The status words of one CI platform, sorted into outcomes. A cancelled or timed-out run counts as
 * failed: the change did not get through, which is what on-call cares about.
 */
record CiStatus(Set<String> failed, Set<String> succeeded, Set<String> inProgress) {

  Outcome outcome(String status) {
    if (status == null) {
      return Outcome.UNKNOWN;
    }
    String word = status.toLowerCase(Locale.ROOT);
    if (failed.contains(word)) {
      return Outcome.FAILED;
    }
    if (succeeded.contains(word)) {
      return Outcome.SUCCEEDED;
    }
    return inProgress.contains(word) ? Outcome.IN_PROGRESS : Outcome.UNKNOWN;
  }
}
