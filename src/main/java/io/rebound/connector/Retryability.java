package io.rebound.connector;

import java.util.Set;

/**
 * Whether a platform's error answer can be fixed by asking again later. The executor's retry and
 * circuit-breaker policy acts on this one decision for every platform.
 */
final class Retryability {

  /** Rate-limit codes Databricks sometimes sends with HTTP 400 instead of 429. */
  private static final Set<String> THROTTLING_CODES =
      Set.of("REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED", "TOO_MANY_REQUESTS");

  private Retryability() {}

  static boolean retryable(int status, String errorCode) {
    if (errorCode != null && THROTTLING_CODES.contains(errorCode)) {
      return true;
    }
    // 408 and 429: the platform asks to come back; 5xx: its own fault, often transient.
    return status == 408 || status == 429 || status >= 500;
  }
}
