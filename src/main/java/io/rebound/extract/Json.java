package io.rebound.extract;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Null-safe reading of platform bodies. Platforms disagree on JSON types (Databricks sends ids as
 * strings in webhooks and numbers in API responses) and use "" for "absent", so every read here
 * turns scalars into strings and blanks into null.
 */
final class Json {

  private static final DateTimeFormatter GITLAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  private Json() {}

  /** The node at the path, or a missing node: never null. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node;
    for (String name : path) {
      if (current == null) {
        break;
      }
      current = current.path(name);
    }
    return current;
  }

  /** The scalar at the path as a string; null when missing, null, blank or not a scalar. */
  static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    String text = value.asString();
    return text == null || text.isBlank() ? null : text;
  }

  /**
   * Whether a value read from a body is in the set: a missing value never is (Set.of rejects null).
   */
  static boolean in(java.util.Set<String> set, String value) {
    return value != null && set.contains(value);
  }

  /** The first argument that is neither null nor blank: "most specific field first" reads. */
  static String first(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate;
      }
    }
    return null;
  }

  static boolean isObject(JsonNode node, String... path) {
    return at(node, path).isObject();
  }

  static boolean isArray(JsonNode node, String... path) {
    return at(node, path).isArray();
  }

  /** The elements of the array at the path; empty when it is not an array. */
  static Stream<JsonNode> elements(JsonNode node, String... path) {
    JsonNode array = at(node, path);
    return array.isArray() ? StreamSupport.stream(array.spliterator(), false) : Stream.empty();
  }

  /** Scalar members of an object as strings, keys prefixed; nested objects are skipped. */
  static Map<String, String> scalars(JsonNode object, String prefix) {
    Map<String, String> result = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        String value = text(entry.getValue());
        if (value != null) {
          result.put(prefix + entry.getKey(), value);
        }
      }
    }
    return result;
  }

  /**
   * A point in time: epoch milliseconds (Databricks), ISO-8601 with or without offset (Azure,
   * GitHub; Azure sends seven fraction digits), or GitLab's "2016-08-12 15:26:29 UTC". Null when
   * absent, zero or unparseable: a wrong time is worse than none.
   */
  static Instant instant(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isNumber()) {
      long millis = millis(value);
      return millis > 0 ? Instant.ofEpochMilli(millis) : null;
    }
    String text = text(value);
    if (text == null) {
      return null;
    }
    return parseInstant(text.trim()).orElse(null);
  }

  /**
   * A number of milliseconds, or 0 when the node is not a whole number in range: bodies carry
   * strings, fractions and 1e308 where a timestamp belongs.
   */
  static long millis(JsonNode value) {
    return value != null && value.isNumber() && value.canConvertToLong() && value.isIntegralNumber()
        ? value.longValue()
        : 0;
  }

  /** The first of the named members that holds a time. */
  static Instant instantOf(JsonNode node, String... names) {
    for (String name : names) {
      Instant instant = instant(node, name);
      if (instant != null) {
        return instant;
      }
    }
    return null;
  }

  private static Optional<Instant> parseInstant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      // fall through to the other formats platforms use
    }
    try {
      return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notLocal) {
      // fall through
    }
    try {
      return Optional.of(LocalDateTime.parse(text, GITLAB_TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notGitLab) {
      return Optional.empty();
    }
  }

  /** The host of a URL, or null when the text is not a URL with a host. */
  static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException notAUrl) {
      return null;
    }
  }

  /** Top-level member names, for error messages that say what the body did contain. */
  static String memberNames(JsonNode body) {
    return body.isObject() ? String.join(", ", body.propertyNames()) : "";
  }
}
