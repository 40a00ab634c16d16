Feature: The what-if API says clearly what is wrong with a request it cannot read

  Scenario: A body of no known shape is decided as the webhook decides it: a human reads it
    Given the "github" body "azure-monitor/adf_metric_alert_pipeline_failed_runs.json"
    When Rebound decides what to do
    Then the error type is "UnrecognisedAlert"
    And Rebound escalates to a human without acting
    And the explanation points to "decision-tables/classification.xlsx" sheet "Platform codes"

  Scenario: A webhook source Rebound does not have
    When an operator asks Rebound about the body "{\"source\": \"nagios\", \"payload\": {}}"
    Then Rebound answers 400 with an error that says "azure-monitor"

  Scenario: A request without payload or fact
    When an operator asks Rebound about the body "{\"source\": \"databricks\"}"
    Then Rebound answers 400 with an error that says "payload"

  Scenario: A body that is not JSON
    When an operator asks Rebound about the body "this is not json"
    Then Rebound answers 400 with an error that says "JSON"

  Scenario: An environment override Rebound does not know
    Given the "databricks" body "databricks/databricks_cluster_get_terminated_driver_unreachable.json"
    And the environment is overridden to "moon"
    When Rebound decides what to do
    Then Rebound answers 400 with an error that says "environment"

  Scenario: A failure fact with a value Rebound does not know names the field
    When an operator asks Rebound about the body "{\"fact\": {\"source\": \"databricks\", \"environment\": \"production\", \"outcome\": \"EXPLODED\"}}"
    Then Rebound answers 400 with an error that says "fact.outcome"

  Scenario: A failure fact without its environment
    When an operator asks Rebound about the body "{\"fact\": {\"source\": \"databricks\"}}"
    Then Rebound answers 400 with an error that says "fact.environment"
