Feature: CI/CD failures are sorted into ten categories and only the flaky kinds are rerun
  A workflow is rerun when the cause is outside the code (runner, network, timing, capacity,
  dependency mirrors); a failing test, a bad secret or a broken workflow file goes to a human.
  Source of truth: decision-tables/classification.xlsx "Message patterns" and
  decision-tables/playbooks.xlsx "Playbooks".

  Scenario Outline: Flaky CI failures are rerun
    Given a <platform> CI run in staging failed with message "<message>"
    When Rebound decides what to do
    Then the error type is "<category>"
    And the playbook is "rerun_workflow" with <retries> retries
    And the backoff is "<backoff>" seconds
    And recovery is verified by the health check "workflow_succeeded"

    Examples:
      | platform | message                                                              | category       | retries | backoff     |
      | GitHub   | The runner has received a shutdown signal: lost communication with the server | infrastructure | 2 | 60, 300 |
      | GitLab   | fatal: unable to access repository: Could not resolve host: gitlab.com | network        | 3       | 30, 60, 120 |
      | GitHub   | The job running on runner GitHub Actions 12 has exceeded the maximum execution time of 360 minutes. | timing | 1 | 120 |
      | GitLab   | No space left on device                                              | resource       | 1       | 300         |
      | GitHub   | npm ERR! code ETARGET                                                | dependency     | 1       | 120         |

  Scenario Outline: CI failures that need a person
    Given a <platform> CI run in development failed with message "<message>"
    When Rebound decides what to do
    Then the error type is "<category>"
    And Rebound escalates to a human without acting

    Examples:
      | platform | message                                                   | category      |
      | GitHub   | AssertionError: expected 200 but got 500                   | application   |
      | GitLab   | Invalid workflow file: .github/workflows/ci.yml#L12        | configuration |
      | GitHub   | Error: Permission denied (publickey)                       | security      |
      | GitLab   | The pipeline was cancelled by jdoe                         | human-error   |
      | GitHub   | schema validation failed for orders.csv                    | data          |
