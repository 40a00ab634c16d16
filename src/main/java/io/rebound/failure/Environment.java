package io.rebound.failure;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where the failing resource runs. Mapped from configuration, never guessed from names. */
public enum Environment {
  PRODUCTION,
  STAGING,
  DEVELOPMENT;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Accepts "production", "prod", "staging", "stage", "development", "dev", any case. */
  public static Optional<Environment> fromId(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "prod", "prd" -> Optional.of(PRODUCTION);
      case "stage", "stg", "uat" -> Optional.of(STAGING);
      case "dev", "test" -> Optional.of(DEVELOPMENT);
      default -> Arrays.stream(values()).filter(e -> e.id().equals(v)).findFirst();
    };
  }
}
