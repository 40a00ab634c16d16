package io.rebound.connector;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a Retry-After header: delay seconds (what Databricks and ARM send) or an HTTP date. */
final class RetryAfter {

  private RetryAfter() {}

  static Optional<Integer> seconds(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      return Optional.of(Math.max(0, Integer.parseInt(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        long wait = Duration.between(ZonedDateTime.now(at.getZone()), at).toSeconds();
        return Optional.of((int) Math.max(0, Math.min(wait, Integer.MAX_VALUE)));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
