package io.rebound.remediation;

import io.rebound.connector.ConnectorException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Text the executor writes into audit events and reasons, the same way everywhere. */
final class Audit {

  private Audit() {}

  /** An ordered map of audit details; null values are left out. */
  static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** "HTTP 500: Databricks answered ..." or the failure's own text; never a Java type for ops. */
  static String describe(RuntimeException e) {
    if (e instanceof ConnectorException c) {
      String status = c.httpStatus() == null ? "" : "HTTP " + c.httpStatus() + ": ";
      return status + (c.getMessage() == null ? "the platform call failed" : c.getMessage());
    }
    return e.getMessage() == null ? "an unexpected error" : e.getMessage();
  }

  static String human(Duration duration) {
    if (duration.toMinutes() >= 60 && duration.toMinutesPart() == 0) {
      return duration.toHours() + " h";
    }
    if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0) {
      return duration.toMinutes() + " min";
    }
    return duration.toSeconds() + " s";
  }
}
