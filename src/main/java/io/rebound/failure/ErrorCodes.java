package io.rebound.failure;

/**
 * Machine-readable codes the platform gave. Every field is optional.
 *
 * @param activityCode ADF activity error code, for example "2200", "2108", "3203"
 * @param connectorCode the code inside an ADF message, for example "UserErrorSourceBlobNotExist"
 * @param terminationCode Databricks cluster termination code, for example "DRIVER_UNREACHABLE"
 * @param terminationType Databricks cluster termination type: SUCCESS, CLIENT_ERROR, SERVICE_FAULT,
 *     CLOUD_FAILURE
 * @param runTerminationCode Databricks job run termination_details.code, for example
 *     "LIBRARY_INSTALLATION_ERROR"
 * @param runTerminationType Databricks job run termination_details.type: SUCCESS, CLIENT_ERROR,
 *     INTERNAL_ERROR, CLOUD_FAILURE
 * @param lifeCycleState Databricks run life_cycle_state, for example "INTERNAL_ERROR"
 * @param resultState Databricks run result_state, for example "FAILED"
 * @param httpStatus an HTTP status the failure reported (Web activity, API error), if any
 * @param platformCode any other code the platform gave (Databricks error_code, CI conclusion)
 */
public record ErrorCodes(
    String activityCode,
    String connectorCode,
    String terminationCode,
    String terminationType,
    String runTerminationCode,
    String runTerminationType,
    String lifeCycleState,
    String resultState,
    Integer httpStatus,
    String platformCode) {

  public static final ErrorCodes NONE =
      new ErrorCodes(null, null, null, null, null, null, null, null, null, null);
}
