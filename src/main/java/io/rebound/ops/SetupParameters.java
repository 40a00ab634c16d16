package io.rebound.ops;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks the setup helpers' parameters against Azure's own naming rules before they are pasted into
 * shell commands: a value that passes cannot break out of its quotes.
 */
final class SetupParameters {

  private static final Pattern SUBSCRIPTION =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Letters, digits, underscores, parentheses, hyphens and periods; 1–90; no period at the end. */
  private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w.()]{0,89}[-\\w()]");

  /** Letters, digits and hyphens; 3–63; starts and ends with a letter or digit. */
  private static final Pattern FACTORY =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{1,61})[A-Za-z0-9]");

  private SetupParameters() {}

  static String subscription(String value) {
    return check(
        "subscription", value, SUBSCRIPTION, "the subscription id, a GUID such as 5f1c2b3a-7d4e-…");
  }

  static String resourceGroup(String value) {
    return check(
        "resourceGroup",
        value,
        RESOURCE_GROUP,
        "1 to 90 letters, digits, _ ( ) - or . and not ending with a period");
  }

  static String factory(String value) {
    return check(
        "factory",
        value,
        FACTORY,
        "the data factory name: 3 to 63 letters, digits or hyphens, starting and ending with a"
            + " letter or digit");
  }

  private static String check(String name, String value, Pattern pattern, String expected) {
    if (value == null || value.isBlank()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "Parameter '" + name + "' is missing: give " + expected + ".");
    }
    if (!pattern.matcher(value).matches()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "Parameter '" + name + "' is not valid: expected " + expected + ".");
    }
    return value;
  }
}
