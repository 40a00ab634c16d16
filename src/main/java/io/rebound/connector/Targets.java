package io.rebound.connector;

import java.util.Map;
import java.util.Optional;

/** Reads ids and options out of an {@link ActionRequest}, naming what is missing. */
final class Targets {

  private Targets() {}

  static String required(ActionRequest request, String key) {
    String value = request.target().get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          request.action() + " needs target \"" + key + "\", got " + request.target().keySet());
    }
    return value.trim();
  }

  static long requiredLong(ActionRequest request, String key) {
    String value = required(request, key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          request.action() + ": target \"" + key + "\" must be a number, got \"" + value + "\"");
    }
  }

  static Optional<String> parameter(ActionRequest request, String key) {
    return optional(request.parameters(), key);
  }

  static Optional<String> target(ActionRequest request, String key) {
    return optional(request.target(), key);
  }

  static boolean flag(ActionRequest request, String key) {
    return parameter(request, key).map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }

  static int intParameter(ActionRequest request, String key, int fallback) {
    Optional<String> value = parameter(request, key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          request.action()
              + ": parameter \""
              + key
              + "\" must be a whole number, got \""
              + value.get()
              + "\"");
    }
  }

  /** What a health check polls: the action's reference if it gave one, else the target id. */
  static String reference(ActionRequest request, ActionResult result, String targetKey) {
    if (result != null && result.reference() != null && !result.reference().isBlank()) {
      return result.reference();
    }
    return required(request, targetKey);
  }

  private static Optional<String> optional(Map<String, String> map, String key) {
    String value = map.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
