package io.rebound.incident;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Query parameters read the way an engineer types them, with a 400 naming the bad one. */
final class QueryParams {

  private QueryParams() {}

  static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw bad(name, value, "an ISO-8601 UTC time such as 2025-03-14T02:00:00Z");
    }
  }

  static UUID uuid(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw bad(name, value, "an id such as 3f2b0c1e-8d4a-4b6f-9e1d-2c3b4a5d6e7f");
    }
  }

  static <T> T oneOf(
      String name, String value, Function<String, Optional<T>> parser, String allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return parser.apply(value).orElseThrow(() -> bad(name, value, "one of " + allowed));
  }

  static int range(String name, Integer value, int defaultValue, int min, int max) {
    if (value == null) {
      return defaultValue;
    }
    if (value < min || value > max) {
      throw bad(name, String.valueOf(value), "a number from " + min + " to " + max);
    }
    return value;
  }

  static ResponseStatusException bad(String name, String value, String expected) {
    return new ResponseStatusException(
        HttpStatus.BAD_REQUEST,
        "Parameter '" + name + "' has value '" + value + "', expected " + expected);
  }
}
