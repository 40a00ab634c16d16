package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorTypes;
import io.rebound.failure.Outcome;
import io.rebound.failure.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationTest {

  private static final PolicyEngine POLICY = ShippedPolicy.ENGINE;
  private static final Set<String> NORMAL_STOPS =
      Set.of("INACTIVITY", "JOB_FINISHED", "USER_REQUEST");

  /** The 195 TerminationReasonCode values, read from the reference at test time. */
  static List<String> clusterTerminationCodes() throws IOException {
    String md =
        Files.readString(Path.of("src/test/resources/shared/reference/databricks_clusters_api.md"));
    int heading = md.indexOf("### Full TerminationReasonCode list");
    String line = md.substring(md.indexOf('\n', heading) + 1).lines().findFirst().orElseThrow();
    List<String> codes = Arrays.stream(line.split(",")).map(String::trim).toList();
    assertThat(codes).hasSize(195).contains("DRIVER_UNREACHABLE", "INACTIVITY");
    return codes;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusterTerminationCodes")
  void everyClusterTerminationCodeIsClassifiedOrANormalStop(String code) {
    for (String type : new String[] {null, "SERVICE_FAULT"}) {
      var decision =
          POLICY.evaluate(Facts.clusterTerminated(code, type, Environment.PRODUCTION)).decision();
      if (NORMAL_STOPS.contains(code)) {
        assertThat(decision.failure()).as(code + " is a normal stop").isFalse();
        assertThat(decision.playbook()).isNull();
        assertThat(decision.reasons()).singleElement().asString().startsWith("Not a failure: ");
      } else {
        assertThat(decision.failure()).as(code).isTrue();
        assertThat(decision.errorType())
            .as(code)
            .isIn(ErrorTypes.DATABRICKS)
            .isNotEqualTo(ErrorTypes.UNKNOWN);
        assertThat(decision.reasons().get(0))
            .as("classified by its own row")
            .contains(
                "cluster termination code "
                    + code
                    + " (classification.xlsx, Cluster terminations, row ");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusterTerminationCodes")
  void anyClusterTerminationOfTypeSuccessIsNotAFailure(String code) {
    var decision =
        POLICY
            .evaluate(Facts.clusterTerminated(code, "SUCCESS", Environment.PRODUCTION))
            .decision();
    assertThat(decision.failure()).isFalse();
    assertThat(decision.playbook()).isNull();
    assertThat(decision.remediable()).isFalse();
  }

  @Test
  void inactivityStopSaysWhyItIsNotAFailure() {
    var decision =
        POLICY
            .evaluate(Facts.clusterTerminated("INACTIVITY", "SUCCESS", Environment.PRODUCTION))
            .decision();
    assertThat(decision.failure()).isFalse();
    assertThat(decision.errorType()).isNull();
    assertThat(decision.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("idle")
                    .contains("cluster termination code INACTIVITY")
                    .contains("classification.xlsx, Normal stops, row "));
  }

  @ParameterizedTest
  @CsvSource({
    "DBR_CLUSTER_LAUNCH_TIMEOUT, SERVICE_FAULT, DatabricksClusterStartFailure",
    "SOME_CODE_DATABRICKS_ADDS_NEXT_YEAR, SERVICE_FAULT, ClusterUnexpectedTermination",
    "SOME_CODE_DATABRICKS_ADDS_NEXT_YEAR, CLIENT_ERROR, DatabricksConfigurationError",
    "DRIVER_NOT_RESPONDING, ERROR, DatabricksDriverNotResponding"
  })
  void codesOutsideTheSdkListAreClassifiedByRowOrTerminationType(
      String code, String type, String expected) {
    var e = POLICY.evaluate(Facts.clusterTerminated(code, type, Environment.STAGING));
    assertThat(e.decision().errorType()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(
      value = Outcome.class,
      names = {"SUCCEEDED", "RESOLVED", "IN_PROGRESS", "WARNING"})
  void successesResolvedAlertsStartsAndWarningsAreNotFailures(Outcome outcome) {
    for (Source source : List.of(Source.DATABRICKS, Source.AZURE_DATA_FACTORY, Source.GITHUB)) {
      var decision =
          POLICY.evaluate(Facts.withOutcome(source, outcome, Environment.PRODUCTION)).decision();
      assertThat(decision.failure()).as(source + " " + outcome).isFalse();
      assertThat(decision.playbook()).isNull();
      assertThat(decision.reasons()).singleElement().asString().startsWith("Not a failure: ");
    }
  }

  static Stream<Arguments> adfFacts() {
    return Stream.of(
        Arguments.of("2200", "UserErrorSourceBlobNotExist", null, "UserErrorSourceBlobNotExists"),
        Arguments.of("2200", "UserErrorSourceBlobNotExists", null, "UserErrorSourceBlobNotExists"),
        Arguments.of("2108", null, 504, "GatewayTimeout"),
        Arguments.of("2108", null, null, "HttpConnectionFailed"),
        Arguments.of("2108", null, 429, "ThrottlingError"),
        Arguments.of("2108", null, 500, "InternalServerError"),
        Arguments.of("2200", "UserErrorInvalidDataType", null, "UserErrorInvalidDataType"),
        Arguments.of("2200", "UserErrorColumnNameInvalid", null, "UserErrorColumnNameInvalid"),
        Arguments.of("2200", "SqlOperationFailed", null, "UserErrorSqlOperationFailed"),
        Arguments.of("3200", null, null, "AuthenticationError"),
        Arguments.of("3203", null, null, "DatabricksClusterStartFailure"),
        Arguments.of("3204", null, null, "DatabricksJobExecutionError"));
  }

  @ParameterizedTest
  @MethodSource("adfFacts")
  void adfCodesClassifyMostSpecificFirst(
      String activity, String connector, Integer http, String expected) {
    var e = POLICY.evaluate(Facts.adf(activity, connector, http, "", Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "LIBRARY_INSTALLATION_ERROR, CLIENT_ERROR, FAILED, DatabricksLibraryInstallationError",
    "DRIVER_ERROR, CLOUD_FAILURE, FAILED, DatabricksDriverNotResponding",
    "RUN_EXECUTION_ERROR, CLIENT_ERROR, FAILED, DatabricksJobExecutionError",
    "UNAUTHORIZED_ERROR, CLIENT_ERROR, FAILED, DatabricksPermissionDenied",
    "MAX_CONCURRENT_RUNS_EXCEEDED, CLIENT_ERROR, FAILED, DatabricksRateLimited",
    ", , TIMEDOUT, DatabricksTimeoutError"
  })
  void databricksRunTerminationCodesClassify(
      String code, String type, String result, String expected) {
    var e = POLICY.evaluate(Facts.jobRun(code, type, result, "", Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "java.lang.OutOfMemoryError: Java heap space | DatabricksOutOfMemory",
        "Executor lost: OOM killed container | DatabricksOutOfMemory",
        "Could not reach driver of cluster 0923-164208-meows279 | DatabricksDriverNotResponding",
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `sales`.`orders` cannot be found |"
            + " DatabricksTableNotFound",
        "org.apache.spark.SparkException: Job aborted due to stage failure |"
            + " DatabricksSparkException",
        "Notebook /Repos/etl/load failed: division by zero | DatabricksNotebookExecutionError"
      })
  void databricksMessagesClassifyWhenNoCodeDid(String message, String expected) {
    var e = POLICY.evaluate(Facts.databricksMessage(message, Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo(expected);
    assertThat(e.decision().reasons().get(0))
        .contains("classification.xlsx, Message patterns, row");
  }

  @Test
  void classroomIsNotOutOfMemory() {
    var e =
        POLICY.evaluate(
            Facts.databricksMessage(
                "Notebook cell failed while loading the classroom roster", Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isNotEqualTo("DatabricksOutOfMemory");
    var plain =
        POLICY.evaluate(
            Facts.databricksMessage("could not load classroom roster", Environment.PRODUCTION));
    assertThat(plain.decision().errorType()).isEqualTo(ErrorTypes.UNKNOWN);
  }

  @Test
  void aCodeWinsOverTheMessage() {
    var e =
        POLICY.evaluate(
            Facts.jobRun(
                "LIBRARY_INSTALLATION_ERROR",
                "CLIENT_ERROR",
                "FAILED",
                "java.lang.OutOfMemoryError while pip ran",
                Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo("DatabricksLibraryInstallationError");
    assertThat(e.explanation()).noneMatch(x -> "Message patterns".equals(x.sheet()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "failure | Error: No space left on device | resource",
        "failure | fatal: unable to access: Could not resolve host: github.com | network",
        "failure | npm ERR! code ERESOLVE | dependency",
        "timed_out | | timing",
        "failure | 3 Tests failed | application",
        "failure | Permission denied (publickey) | security"
      })
  void ciFailuresAreClassifiedIntoTheirCategory(String conclusion, String message, String type) {
    var e = POLICY.evaluate(Facts.ci(conclusion, message, Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo(type);
    assertThat(e.decision().category()).as("for CI the category is the error type").isEqualTo(type);
  }

  @Test
  void unknownFailuresBecomeUnknownErrorAndEscalate() {
    var e =
        POLICY.evaluate(
            Facts.adf(
                "9999", null, null, "something nobody has seen before", Environment.PRODUCTION));
    var d = e.decision();
    assertThat(d.failure()).isTrue();
    assertThat(d.errorType()).isEqualTo(ErrorTypes.UNKNOWN);
    assertThat(d.remediable()).isFalse();
    assertThat(d.playbook().action()).isEqualTo("escalate");
    assertThat(d.category()).isNotNull();
    assertThat(d.reasons().get(0)).startsWith("Classified as UnknownError").contains("rules/");
  }
}
