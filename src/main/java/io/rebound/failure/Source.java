package io.rebound.failure;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The platform a failure comes from. {@link #id()} is the lower-case name used in APIs. */
public enum Source {
  AZURE_DATA_FACTORY("azure-data-factory"),
  DATABRICKS("databricks"),
  SYNAPSE("synapse"),
  AZURE_FUNCTIONS("azure-functions"),
  GITHUB("github"),
  GITLAB("gitlab"),
  JENKINS("jenkins"),
  AZURE_DEVOPS("azure-devops"),
  CIRCLECI("circleci"),
  GENERIC("generic");

  private final String id;

  Source(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public boolean isCiCd() {
    return this == GITHUB
        || this == GITLAB
        || this == JENKINS
        || this == AZURE_DEVOPS
        || this == CIRCLECI;
  }

  /** Accepts the API id ("azure-data-factory") or the enum name, case-insensitively. */
  public static Optional<Source> fromId(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(s -> s.id.equals(v)).findFirst();
  }
}
