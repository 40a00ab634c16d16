package io.rebound.extract;

import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Source;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codes first, wherever they are. Databricks quotes its codes inside messages: the library error
 * code ("Error Code: DRIVER_LIBRARY_INSTALLATION_FAILURE"), the Spark error class
 * ("[TABLE_OR_VIEW_NOT_FOUND] The table or view ..."), the cluster's termination reason ("Reason:
 * DRIVER_OUT_OF_MEMORY (CLIENT_ERROR)"). A code found there is a code, read before any message
 * pattern. Applied to every fact after its reader, so every body shape gets the same treatment.
 */
final class EmbeddedCodes {

  private static final Pattern ERROR_CODE = Pattern.compile("Error Code: ([A-Z][A-Z0-9_]+)");
  private static final Pattern ERROR_CLASS =
      Pattern.compile("\\[([A-Z][A-Z0-9_]+)(?:\\.[A-Z_]+)?]");
  private static final Pattern CLUSTER_REASON =
      Pattern.compile(
          "(?:Reason|unexpected state Terminated): ?([A-Z][A-Z0-9_]+[A-Z0-9])\\s*(?:\\(([A-Z_]+)\\))?");

  /**
   * Run termination codes that only say "look at what the run wraps": the cluster's own reason or
   * the Spark error class is then the more specific code.
   */
  private static final Set<String> CLUSTER_DEFERRING = Set.of("CLUSTER_ERROR", "CLOUD_FAILURE");

  private static final String EXECUTION_DEFERRING = "RUN_EXECUTION_ERROR";

  private EmbeddedCodes() {}

  static FactBuilder apply(FactBuilder fact) {
    String message = fact.message();
    if (fact.source() != Source.DATABRICKS || message == null) {
      return fact;
    }
    String runCode = fact.code("runTerminationCode");
    Matcher reason = CLUSTER_REASON.matcher(message);
    if (fact.code("terminationCode") == null && reason.find()) {
      fact.terminationCode(reason.group(1)).terminationType(reason.group(2));
      if (Json.in(CLUSTER_DEFERRING, runCode)) {
        deferRunCode(fact);
      }
    }
    if (fact.code("platformCode") == null) {
      Matcher code = ERROR_CODE.matcher(message);
      Matcher errorClass = ERROR_CLASS.matcher(message);
      if (code.find()) {
        fact.platformCode(code.group(1));
      } else if (errorClass.find()) {
        fact.platformCode(errorClass.group(1));
        if (EXECUTION_DEFERRING.equals(runCode)) {
          deferRunCode(fact);
        }
      }
    }
    return fact;
  }

  /**
   * The same rule once a notification is merged with the run's output: the output's error class is
   * more specific than the run's RUN_EXECUTION_ERROR.
   */
  static FailureFact afterEnrichment(FailureFact fact) {
    ErrorCodes c = fact.codes();
    if (!EXECUTION_DEFERRING.equals(c.runTerminationCode()) || c.platformCode() == null) {
      return fact;
    }
    ErrorCodes codes =
        new ErrorCodes(
            c.activityCode(),
            c.connectorCode(),
            c.terminationCode(),
            c.terminationType(),
            null,
            c.runTerminationType(),
            c.lifeCycleState(),
            c.resultState(),
            c.httpStatus(),
            c.platformCode());
    Map<String, String> attributes = new HashMap<>(fact.attributes());
    attributes.put("runTerminationCode", c.runTerminationCode());
    return new FailureFact(
        fact.source(),
        fact.environment(),
        fact.resourceKind(),
        fact.outcome(),
        fact.resource(),
        codes,
        fact.errorMessage(),
        fact.failureType(),
        fact.occurredAt(),
        attributes);
  }

  /** Keeps the run's code for people, out of the way of the more specific one. */
  private static void deferRunCode(FactBuilder fact) {
    fact.attribute("runTerminationCode", fact.code("runTerminationCode"));
    fact.clearCode("runTerminationCode");
  }
}
