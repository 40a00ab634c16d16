Feature: Real alert bodies get the decision an on-call engineer would make
  These scenarios post the bodies Azure Monitor, Databricks, GitHub and GitLab really send
  (../shared/payloads) to the what-if API, exactly as an operator would.

  Scenario: An ADF Web activity that timed out at the gateway is retried from the failed activity
    Given the "azure-monitor" body "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json"
    When Rebound decides what to do
    Then the error type is "GatewayTimeout"
    And the playbook is "retry_pipeline" with 3 retries
    And the backoff is "10, 30, 60" seconds

  Scenario: An ADF copy alert that carries only the generic code 2200 is handed to a human
    The log alert says "Copy failed with 2200, UserError" and nothing more: 2200 covers
    everything from a missing file to a bad column, so Rebound does not guess.
    Given the "azure-monitor" body "azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json"
    When Rebound decides what to do
    Then the error type is "UnknownError"
    And Rebound escalates to a human without acting

  Scenario: The same copy failure read from ADF's activity runs reruns the upstream pipeline
    Given the "azure-monitor" body "azure-monitor/adf_activity_runs_query_failed_copy_blob_not_exist.json"
    When Rebound decides what to do
    Then the error type is "UserErrorSourceBlobNotExists"
    And the playbook is "rerun_upstream_pipeline" with 3 retries

  Scenario: An ADF Databricks activity that found its cluster terminated restarts the cluster
    Given the "azure-monitor" body "azure-monitor/adf_log_alert_v2_databricks_3203_cluster_terminated.json"
    When Rebound decides what to do
    Then the error type is "DatabricksClusterStartFailure"
    And the playbook is "restart_cluster" with 2 retries

  Scenario: A Databricks cluster terminated with DRIVER_UNREACHABLE is restarted once
    Given the "databricks" body "databricks/databricks_cluster_get_terminated_driver_unreachable.json"
    When Rebound decides what to do
    Then the error type is "DatabricksDriverNotResponding"
    And the playbook is "restart_cluster" with 1 retry
    And the fallbacks are "scale_cluster"

  Scenario: The same failure in development is handled the same way, at a lower priority
    Given the "databricks" body "databricks/databricks_cluster_get_terminated_driver_unreachable.json"
    And the environment is overridden to "development"
    When Rebound decides what to do
    Then the error type is "DatabricksDriverNotResponding"
    And the severity is "low" with priority "P4"
    And no approval is required

  Scenario: A job run that could not reach its driver restarts the cluster
    Given the "databricks" body "databricks/databricks_runs_get_failed_driver_unreachable.json"
    When Rebound decides what to do
    Then the error type is "DatabricksDriverNotResponding"
    And the playbook is "restart_cluster" with 1 retry

  Scenario: A job run whose library failed to install reinstalls another version
    Given the "databricks" body "databricks/databricks_runs_get_failed_library_installation.json"
    When Rebound decides what to do
    Then the error type is "DatabricksLibraryInstallationError"
    And the playbook is "reinstall_library" with 2 retries

  Scenario: A job run that failed in its own code is retried, then given more capacity
    Given the "databricks" body "databricks/databricks_runs_get_failed_run_execution_error.json"
    When Rebound decides what to do
    Then the error type is "DatabricksJobExecutionError"
    And the playbook is "retry_job" with 3 retries
    And the fallbacks are "scale_cluster"

  Scenario: The prior tool's "driver not responding" cluster body is understood
    Given the "databricks" body "prior-tool/09_databricks_cluster_terminated_driver_not_responding.json"
    When Rebound decides what to do
    Then the error type is "DatabricksDriverNotResponding"

  Scenario: The prior tool's ADF body with a missing blob is understood
    Given the "azure-monitor" body "prior-tool/02_adf_common_schema_alertcontext_properties.json"
    When Rebound decides what to do
    Then the error type is "UserErrorSourceBlobNotExists"
