Feature: Normal stops, successes and resolved alerts are not failures
  Rebound must never "fix" something that is not broken. Source of truth:
  decision-tables/classification.xlsx, sheet "Normal stops".

  Scenario Outline: A cluster that stopped normally is left alone
    Given a Databricks cluster in production terminated with code "<code>" of type "<type>"
    When Rebound decides what to do
    Then it is not a failure
    And a reason mentions "<why>"

    Examples:
      | code         | type         | why                   |
      | INACTIVITY   | SUCCESS      | terminated normally   |
      | JOB_FINISHED | SUCCESS      | terminated normally   |
      | USER_REQUEST | CLIENT_ERROR | on purpose            |

  Scenario Outline: Bodies that report no failure open nothing
    Given the "<source>" body "<file>"
    When Rebound decides what to do
    Then it is not a failure

    Examples:
      | source        | file                                                           |
      | databricks    | databricks/databricks_job_success.json                         |
      | databricks    | databricks/databricks_job_start.json                           |
      | databricks    | databricks/databricks_job_duration_warning.json                |
      | databricks    | databricks/databricks_cluster_get_terminated_inactivity.json   |
      | databricks    | databricks/databricks_cluster_get_running_verbatim.json        |
      | azure-monitor | azure-monitor/adf_metric_alert_pipeline_failed_runs_resolved.json |
      | azure-monitor | azure-monitor/azmon_common_schema_metric_sample_verbatim.json  |
      | github        | cicd/github_workflow_run_completed_success_verbatim.json       |
      | gitlab        | cicd/gitlab_pipeline_hook_example_verbatim.json                |
