package io.rebound.failure;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a failure is, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
