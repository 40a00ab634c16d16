package io.rebound.failure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The error types on-call engineers already use. The policy classifies every failure into exactly
 * one of them; workbooks that name any other type are refused.
 */
public final class ErrorTypes {

  public static final String UNKNOWN = "UnknownError";

  public static final List<String> AZURE_DATA_FACTORY =
      List.of(
          "GatewayTimeout",
          "HttpConnectionFailed",
          "ThrottlingError",
          "InternalServerError",
          "UserErrorSourceBlobNotExists",
          "UserErrorInvalidDataType",
          "UserErrorColumnNameInvalid",
          "UserErrorSqlOperationFailed",
          "AuthenticationError",
          "DataFactoryConfigurationError",
          "SqlWriteInterrupted",
          "SqlConnectionFailure",
          "UserErrorInvalidFileFormat",
          "DataFlowOutOfMemory");

  public static final List<String> DATABRICKS =
      List.of(
          "DatabricksClusterStartFailure",
          "DatabricksJobExecutionError",
          "DatabricksNotebookExecutionError",
          "DatabricksLibraryInstallationError",
          "DatabricksPermissionDenied",
          "DatabricksResourceExhausted",
          "DatabricksTableNotFound",
          "DatabricksDriverNotResponding",
          "DatabricksSparkException",
          "DatabricksTimeoutError",
          "DatabricksOutOfMemory",
          "ClusterUnexpectedTermination",
          "DatabricksConfigurationError",
          "DatabricksRateLimited",
          "DatabricksDataError");

  /**
   * Failures of no one platform's making or reading: an Azure service incident, and an alert
   * Rebound could not read (which a human looks at, with the raw body).
   */
  public static final List<String> ANY_PLATFORM =
      List.of("PlatformServiceIncident", "UnrecognisedAlert");

  /** CI/CD failures are classified into these ten categories; the category is the error type. */
  public static final List<String> CI_CD =
      List.of(
          "infrastructure",
          "configuration",
          "dependency",
          "resource",
          "application",
          "data",
          "security",
          "network",
          "timing",
          "human-error");

  private static final Set<String> ALL;

  static {
    Set<String> all = new LinkedHashSet<>();
    all.addAll(AZURE_DATA_FACTORY);
    all.addAll(DATABRICKS);
    all.addAll(CI_CD);
    all.addAll(ANY_PLATFORM);
    all.add(UNKNOWN);
    ALL = Set.copyOf(all);
  }

  private ErrorTypes() {}

  public static Set<String> all() {
    return ALL;
  }

  public static boolean isKnown(String errorType) {
    return errorType != null && ALL.contains(errorType);
  }
}
