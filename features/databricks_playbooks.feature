Feature: Databricks failures get the playbook on-call engineers agreed on
  Cluster terminations are recognised by their termination code (all 195 of them, see the
  "Cluster terminations" sheet of decision-tables/classification.xlsx), job runs by their
  termination code, and otherwise by words in the error message.
  Source of truth: decision-tables/playbooks.xlsx, sheet "Playbooks".

  Scenario: A cluster whose driver stopped answering is restarted once, then scaled
    Given a Databricks cluster in production terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"
    When Rebound decides what to do
    Then the error type is "DatabricksDriverNotResponding"
    And the category is "infrastructure"
    And the severity is "high" with priority "P2"
    And the playbook is "restart_cluster" with 1 retry
    And the backoff is "60" seconds
    And each attempt may take 600 seconds
    And recovery is verified by the health check "cluster_running"
    And the fallbacks are "scale_cluster"
    And the chained playbook is "none"
    And the circuit breaker opens after 5 failures
    And no approval is required
    And the explanation points to "decision-tables/playbooks.xlsx" sheet "Playbooks"
    And the decision names the policy version

  Scenario Outline: Cluster terminations that a restart or more capacity can fix
    Given a Databricks cluster in staging terminated with code "<code>" of type "<type>"
    When Rebound decides what to do
    Then the error type is "<error type>"
    And the playbook is "<action>" with <retries> retries
    And the backoff is "<backoff>" seconds
    And recovery is verified by the health check "cluster_running"
    And the fallbacks are "none"

    Examples:
      | code                             | type          | error type                    | action          | retries | backoff |
      | BOOTSTRAP_TIMEOUT                | CLOUD_FAILURE | DatabricksClusterStartFailure | restart_cluster | 2       | 60, 120 |
      | AZURE_QUOTA_EXCEEDED_EXCEPTION   | CLIENT_ERROR  | DatabricksResourceExhausted   | scale_cluster   | 2       | 60, 120 |
      | CLOUD_OPERATION_CANCELLED        | CLOUD_FAILURE | ClusterUnexpectedTermination  | restart_cluster | 2       | 60, 120 |

  Scenario Outline: Job runs are retried, repaired or handed over according to why they failed
    Given a Databricks job run in staging failed with termination code "<code>" and message "<message>"
    When Rebound decides what to do
    Then the error type is "<error type>"
    And the playbook is "<action>" with <retries> retries
    And the backoff is "<backoff>" seconds
    And each attempt may take <timeout> seconds
    And recovery is verified by the health check "<health check>"
    And the fallbacks are "<fallbacks>"
    And the chained playbook is "<chain>"
    And the circuit breaker opens after <breaker> failures

    Examples:
      | code                | message                                                                    | error type                       | action        | retries | backoff     | timeout | health check    | fallbacks     | chain                  | breaker |
      | RUN_EXECUTION_ERROR | Workload failed, see run output for details                                | DatabricksJobExecutionError      | retry_job     | 3       | 30, 60, 120 | 3600    | run_succeeded   | scale_cluster | none                   | 5       |
      |                     | com.databricks.NotebookExecutionException: FAILED: Notebook /etl/orders failed | DatabricksNotebookExecutionError | repair_run    | 1       | 60          | 3600    | run_succeeded   | none          | none                   | 3       |
      |                     | org.apache.spark.SparkException: Job aborted due to stage failure          | DatabricksSparkException         | repair_run    | 2       | 60, 120     | 3600    | run_succeeded   | none          | none                   | 5       |
      |                     | Run timed out after 3600 seconds                                           | DatabricksTimeoutError           | retry_job     | 2       | 30, 60      | 3600    | run_succeeded   | none          | none                   | 5       |
      |                     | java.lang.OutOfMemoryError: Java heap space                                | DatabricksOutOfMemory            | scale_cluster | 1       | 30          | 900     | cluster_running | none          | DatabricksTimeoutError | 3       |

  Scenario Outline: Databricks problems only a person can fix go to a human
    Given a Databricks job run in development failed with termination code "<code>" and message "<message>"
    When Rebound decides what to do
    Then the error type is "<error type>"
    And Rebound escalates to a human without acting

    Examples:
      | code                    | message                                                              | error type                   |
      | UNAUTHORIZED_ERROR      | User does not have permission to run the job                         | DatabricksPermissionDenied   |
      | INVALID_RUN_CONFIGURATION | Invalid run configuration: notebook path is missing                | DatabricksConfigurationError |
      |                         | [TABLE_OR_VIEW_NOT_FOUND] The table or view `sales`.`orders` cannot be found | DatabricksTableNotFound |
