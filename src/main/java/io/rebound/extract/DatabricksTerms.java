package io.rebound.extract;

import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Databricks vocabulary shared by the job, run and cluster readers. */
final class DatabricksTerms {

  static final Set<String> FAILED_RESULTS =
      Set.of("FAILED", "TIMEDOUT", "CANCELED", "MAXIMUM_CONCURRENT_RUNS_REACHED");
  static final Set<String> UPSTREAM_RESULTS = Set.of("UPSTREAM_FAILED", "UPSTREAM_CANCELED");

  private DatabricksTerms() {}

  /**
   * Termination types (cluster TerminationReason.type and run termination_details.type): the
   * caller's mistake is a user error; the platform's or the cloud's is a system error.
   */
  static FailureType failureType(String type) {
    if (type == null) {
      return FailureType.UNKNOWN;
    }
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "CLIENT_ERROR" -> FailureType.USER_ERROR;
      case "SERVICE_FAULT", "CLOUD_FAILURE", "INTERNAL_ERROR" -> FailureType.SYSTEM_ERROR;
      default -> FailureType.UNKNOWN;
    };
  }

  /** A run's outcome from its result_state, or, while it has none, its life_cycle_state. */
  static Outcome runOutcome(String lifeCycleState, String resultState) {
    if (resultState != null) {
      String result = resultState.toUpperCase(Locale.ROOT);
      if (FAILED_RESULTS.contains(result) || UPSTREAM_RESULTS.contains(result)) {
        return Outcome.FAILED;
      }
      if (result.startsWith("SUCCESS")) {
        return Outcome.SUCCEEDED;
      }
    }
    if (lifeCycleState == null) {
      return Outcome.UNKNOWN;
    }
    return switch (lifeCycleState.toUpperCase(Locale.ROOT)) {
      case "INTERNAL_ERROR" -> Outcome.FAILED;
      case "PENDING", "QUEUED", "RUNNING", "BLOCKED", "WAITING_FOR_RETRY", "TERMINATING" ->
          Outcome.IN_PROGRESS;
      default -> Outcome.UNKNOWN;
    };
  }

  /**
   * Bodies from before termination_details say a person cancelled the run only with
   * user_cancelled_or_timedout on a CANCELED result (a timeout is TIMEDOUT): that is what the
   * current API calls USER_CANCELED.
   */
  static String legacyCancellation(JsonNode state) {
    return state.path("user_cancelled_or_timedout").asBoolean(false)
            && "CANCELED".equalsIgnoreCase(Json.text(state, "result_state"))
        ? "USER_CANCELED"
        : null;
  }

  /**
   * Applies a cluster TerminationReason (code, type, parameters) and returns the error message its
   * parameters carry, if any.
   */
  static String applyTerminationReason(FactBuilder fact, JsonNode reason) {
    fact.terminationCode(Json.text(reason, "code"))
        .terminationType(Json.text(reason, "type"))
        .failureType(failureType(Json.text(reason, "type")))
        .attributes(Json.scalars(reason.path("parameters"), "termination."));
    JsonNode parameters = reason.path("parameters");
    return Json.first(
        Json.text(parameters, "databricks_error_message"),
        Json.text(parameters, "azure_error_message"),
        Json.text(parameters, "aws_error_message"),
        Json.text(parameters, "gcp_error_message"));
  }

  /** The workspace id in a run page URL ("...azuredatabricks.net/?o=1234567890123456#job/..."). */
  static String workspaceIdOf(String runPageUrl) {
    if (runPageUrl == null) {
      return null;
    }
    int start = runPageUrl.indexOf("?o=");
    if (start < 0) {
      return null;
    }
    int end = start + 3;
    while (end < runPageUrl.length() && Character.isDigit(runPageUrl.charAt(end))) {
      end++;
    }
    return end > start + 3 ? runPageUrl.substring(start + 3, end) : null;
  }
}
