Feature: Risky actions in production wait for a person; staging and development act on their own
  Every action a plan may take is checked against the Approval sheet: the first action and each
  fallback. Source of truth: decision-tables/approval-gates.xlsx, sheets "Approval" and
  "Never automatic". (start_cluster has rows but no shipped playbook uses it yet.)

  Scenario Outline: Each environment's gate for each action
    Given <fact>
    When Rebound decides what to do
    Then the playbook is "<action>" with <retries> retries
    And <gate>

    Examples:
      | fact                                                                                                                                                                       | action                  | retries | gate                    |
      | an Azure Data Factory WebActivity activity in production failed with error code "2108", HTTP status 504 and message "Response status code: 'GatewayTimeout'."              | retry_pipeline          | 3       | no approval is required |
      | an Azure Data Factory Copy activity in production failed with error code "2200", connector code "UserErrorSourceBlobNotExist" and message "The required Blob is missing."  | rerun_upstream_pipeline | 3       | approval is required    |
      | a Databricks job run in production failed with termination code "RUN_EXECUTION_ERROR" and message "Workload failed"                                                        | retry_job               | 3       | no approval is required |
      | a Databricks job run in production failed with termination code "" and message "NotebookExecutionException: Notebook /etl/orders failed"                                   | repair_run              | 1       | no approval is required |
      | a Databricks cluster in production terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"                                                                       | restart_cluster         | 1       | no approval is required |
      | a Databricks cluster in production terminated with code "AZURE_QUOTA_EXCEEDED_EXCEPTION" of type "CLIENT_ERROR"                                                            | scale_cluster           | 2       | approval is required    |
      | a Databricks library "pandas==2.1.4" in production failed to install with message "Library installation failed"                                                            | reinstall_library       | 2       | approval is required    |
      | a GitHub CI run in production failed with message "Could not resolve host: github.com"                                                                                     | rerun_workflow          | 3       | no approval is required |
      | an Azure Data Factory WebActivity activity in staging failed with error code "2108", HTTP status 504 and message "Response status code: 'GatewayTimeout'."                 | retry_pipeline          | 3       | no approval is required |
      | an Azure Data Factory Copy activity in staging failed with error code "2200", connector code "UserErrorSourceBlobNotExist" and message "The required Blob is missing."     | rerun_upstream_pipeline | 3       | no approval is required |
      | a Databricks job run in staging failed with termination code "RUN_EXECUTION_ERROR" and message "Workload failed"                                                           | retry_job               | 3       | no approval is required |
      | a Databricks job run in staging failed with termination code "" and message "NotebookExecutionException: Notebook /etl/orders failed"                                      | repair_run              | 1       | no approval is required |
      | a Databricks cluster in staging terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"                                                                          | restart_cluster         | 1       | no approval is required |
      | a Databricks cluster in staging terminated with code "AZURE_QUOTA_EXCEEDED_EXCEPTION" of type "CLIENT_ERROR"                                                               | scale_cluster           | 2       | no approval is required |
      | a Databricks library "pandas==2.1.4" in staging failed to install with message "Library installation failed"                                                               | reinstall_library       | 2       | no approval is required |
      | a GitHub CI run in staging failed with message "Could not resolve host: github.com"                                                                                        | rerun_workflow          | 3       | no approval is required |
      | an Azure Data Factory WebActivity activity in development failed with error code "2108", HTTP status 504 and message "Response status code: 'GatewayTimeout'."             | retry_pipeline          | 3       | no approval is required |
      | an Azure Data Factory Copy activity in development failed with error code "2200", connector code "UserErrorSourceBlobNotExist" and message "The required Blob is missing." | rerun_upstream_pipeline | 3       | no approval is required |
      | a Databricks job run in development failed with termination code "RUN_EXECUTION_ERROR" and message "Workload failed"                                                       | retry_job               | 3       | no approval is required |
      | a Databricks job run in development failed with termination code "" and message "NotebookExecutionException: Notebook /etl/orders failed"                                  | repair_run              | 1       | no approval is required |
      | a Databricks cluster in development terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"                                                                      | restart_cluster         | 1       | no approval is required |
      | a Databricks cluster in development terminated with code "AZURE_QUOTA_EXCEEDED_EXCEPTION" of type "CLIENT_ERROR"                                                           | scale_cluster           | 2       | no approval is required |
      | a Databricks library "pandas==2.1.4" in development failed to install with message "Library installation failed"                                                           | reinstall_library       | 2       | no approval is required |
      | a GitHub CI run in development failed with message "Could not resolve host: github.com"                                                                                    | rerun_workflow          | 3       | no approval is required |

  Scenario: A production restart runs on its own, but scaling the cluster afterwards waits for a person
    Given a Databricks cluster in production terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"
    When Rebound decides what to do
    Then the playbook is "restart_cluster" with 1 retry
    And no approval is required
    And the fallbacks are "scale_cluster"
    And the "scale_cluster" step waits for a person's approval

  Scenario: In staging neither the restart nor the scale-up waits
    Given a Databricks cluster in staging terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"
    When Rebound decides what to do
    Then no step waits for a person's approval

  Scenario Outline: Some error types are never remediated automatically, whatever the environment
    Given a Databricks job run in <environment> failed with termination code "UNAUTHORIZED_ERROR" and message "User does not have permission"
    When Rebound decides what to do
    Then the error type is "DatabricksPermissionDenied"
    And Rebound escalates to a human without acting

    Examples:
      | environment |
      | production  |
      | staging     |
      | development |
