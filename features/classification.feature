Feature: Failures are recognised by their codes first, then by whole words in their message
  Source of truth: decision-tables/classification.xlsx.

  Scenario: A code beats the message
    Given a Databricks cluster in staging terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"
    When Rebound decides what to do
    Then the error type is "DatabricksDriverNotResponding"
    And the explanation points to "decision-tables/classification.xlsx" sheet "Cluster terminations"

  Scenario: Messages are matched on whole words: a "classroom" is not out of memory
    Given a Databricks job run in staging failed with termination code "" and message "Task stopped while loading the classroom roster"
    When Rebound decides what to do
    Then the error type is "UnknownError"
    And Rebound escalates to a human without acting

  Scenario: OOM as a word is out of memory
    Given a Databricks job run in staging failed with termination code "" and message "Executor lost: OOM killed the container"
    When Rebound decides what to do
    Then the error type is "DatabricksOutOfMemory"
    And the playbook is "scale_cluster" with 1 retry
    And the chained playbook is "DatabricksTimeoutError"

  Scenario: A failure nothing recognises goes to a human
    Given a Databricks job run in production failed with termination code "" and message "Something odd happened"
    When Rebound decides what to do
    Then the error type is "UnknownError"
    And Rebound escalates to a human without acting
    And a reason mentions "UnknownError"
