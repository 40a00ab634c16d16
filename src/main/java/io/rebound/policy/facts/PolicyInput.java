package io.rebound.policy.facts;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Source;
import java.util.Locale;

/**
 * The fact as the rules see it: flat JavaBean getters so that every table condition is a plain
 * equality Drools can hash. Built once per evaluation from a {@link FailureFact}.
 */
public final class PolicyInput {

  private final String source;
  private final String platform;
  private final String environment;
  private final String outcome;
  private final String activityCode;
  private final String connectorCode;
  private final String terminationCode;
  private final String terminationType;
  private final String runTerminationCode;
  private final String runTerminationType;
  private final String resultState;
  private final int httpStatus;
  private final String platformCode;
  private final String errorMessage;
  private final String libraryName;
  private final String libraryVersion;

  public PolicyInput(FailureFact fact) {
    var codes = fact.codes();
    this.source = fact.source().id();
    this.platform = platformOf(fact.source());
    this.environment = fact.environment().id();
    this.outcome = fact.outcome().name();
    this.activityCode = trimmed(codes.activityCode());
    this.connectorCode = trimmed(codes.connectorCode());
    this.terminationCode = upper(codes.terminationCode());
    this.terminationType = upper(codes.terminationType());
    this.runTerminationCode = upper(codes.runTerminationCode());
    this.runTerminationType = upper(codes.runTerminationType());
    this.resultState = upper(codes.resultState());
    this.httpStatus = codes.httpStatus() == null ? 0 : codes.httpStatus();
    this.platformCode = trimmed(codes.platformCode());
    this.errorMessage = fact.errorMessage();
    String coordinate = fact.resource().library();
    if (coordinate == null) {
      coordinate = fact.attributes().get("library");
    }
    LibraryCoordinate library = LibraryCoordinate.parse(coordinate);
    this.libraryName = library == null ? null : library.name();
    this.libraryVersion = library == null ? null : library.version();
  }

  /** The family of platforms whose codes and messages mean the same thing. */
  public static String platformOf(Source source) {
    if (source.isCiCd()) {
      return "ci";
    }
    return switch (source) {
      case AZURE_DATA_FACTORY, SYNAPSE, AZURE_FUNCTIONS -> "azure-data-factory";
      case DATABRICKS -> "databricks";
      default -> "other";
    };
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    String t = value.trim();
    return t.isEmpty() ? null : t;
  }

  private static String upper(String value) {
    String t = trimmed(value);
    return t == null ? null : t.toUpperCase(Locale.ROOT);
  }

  public String getSource() {
    return source;
  }

  public String getPlatform() {
    return platform;
  }

  public String getEnvironment() {
    return environment;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getActivityCode() {
    return activityCode;
  }

  public String getConnectorCode() {
    return connectorCode;
  }

  public String getTerminationCode() {
    return terminationCode;
  }

  public String getTerminationType() {
    return terminationType;
  }

  public String getRunTerminationCode() {
    return runTerminationCode;
  }

  public String getRunTerminationType() {
    return runTerminationType;
  }

  public String getResultState() {
    return resultState;
  }

  public int getHttpStatus() {
    return httpStatus;
  }

  public String getPlatformCode() {
    return platformCode;
  }

  public String getErrorMessage() {
    return errorMessage;
  }

  public String getLibraryName() {
    return libraryName;
  }

  public String getLibraryVersion() {
    return libraryVersion;
  }
}
