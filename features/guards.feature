Feature: Guards look at what is happening before Rebound acts again
  After the playbook is chosen, the Guards sheet reads the state of the failed resource: its
  circuit breaker, how often it failed in the last hour, how well the playbook has worked for this
  error type, and the action budget. A guard can only make a decision safer: escalate to a human,
  or make the first action wait for a person. Source of truth: decision-tables/guards.xlsx, sheet
  "Guards". The what-if takes the state from the request ("state": {...}) where one is given.

  Background:
    Given a Databricks cluster in production terminated with code "DRIVER_UNREACHABLE" of type "SERVICE_FAULT"

  Scenario: With nothing else happening the cluster is restarted on its own
    When Rebound decides what to do
    Then the playbook is "restart_cluster" with 1 retry
    And no approval is required
    And the answer shows the state it decided with: failuresLastHour is 0

  Scenario: An open circuit breaker escalates and names the breaker
    Given the circuit breaker of its action is open
    When Rebound decides what to do
    Then Rebound escalates to a human without acting
    And a reason mentions "open breaker: databricks:restart_cluster:meows279"
    And the reason names the guard row 11
    And the answer shows the state it decided with: breakerOpen is true

  Scenario: The fourth failure of the resource in an hour goes to a person, not a fourth retry
    Given its resource failed 3 times earlier in the last hour
    When Rebound decides what to do
    Then Rebound escalates to a human without acting
    And a reason mentions "failed 3 times or more in the last hour"
    And the reason names the guard row 12
    And the answer shows the state it decided with: failuresLastHour is 3

  Scenario: The third failure of the hour is still retried
    Given its resource failed 2 times earlier in the last hour
    When Rebound decides what to do
    Then the playbook is "restart_cluster" with 1 retry
    And no approval is required

  Scenario: A playbook that rarely works for this error type asks a person first
    Given its playbook resolved 2 of its last 10 runs for this error type
    When Rebound decides what to do
    Then the playbook is "restart_cluster" with 1 retry
    And approval is required
    And the reason names the guard row 13
    And the answer shows the state it decided with: playbookRuns is 10

  Scenario: A spent action budget escalates
    Given the action budget of its resource is spent
    When Rebound decides what to do
    Then Rebound escalates to a human without acting
    And a reason mentions "the action budget is spent"
    And the reason names the guard row 14

  Scenario: A state value Rebound cannot use names the field
    When an operator asks Rebound about the body "{\"fact\": {\"source\": \"databricks\", \"environment\": \"production\"}, \"state\": {\"failuresLastHour\": -1}}"
    Then Rebound answers 400 with an error that says "state.failuresLastHour"

  Scenario: A state fact Rebound does not know names the field
    When an operator asks Rebound about the body "{\"fact\": {\"source\": \"databricks\", \"environment\": \"production\"}, \"state\": {\"breakerOpenn\": true}}"
    Then Rebound answers 400 with an error that says "state.breakerOpenn"
