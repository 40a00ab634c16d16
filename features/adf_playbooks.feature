Feature: Azure Data Factory failures get the playbook on-call engineers agreed on
  An ADF activity failure is recognised from its error code first (the connector code inside the
  message, the HTTP status, the activity code), then from its message. Transient failures are
  retried from the failed activity with the agreed backoff; data and credential problems go to a
  human. Source of truth: decision-tables/playbooks.xlsx, sheet "Playbooks".

  Scenario Outline: A transient ADF failure in staging is retried with the agreed backoff
    Given an Azure Data Factory <activity> activity in staging failed with error code "<code>", HTTP status <status> and message "<message>"
    When Rebound decides what to do
    Then the error type is "<error type>"
    And the playbook is "<action>" with <retries> retries
    And the backoff is "<backoff>" seconds
    And each attempt may take <timeout> seconds
    And recovery is verified by the health check "pipeline_succeeded"
    And the fallbacks are "none"
    And the circuit breaker opens after <breaker> failures
    And no approval is required

    Examples:
      | activity    | code | status | message                                                                                                    | error type           | action          | retries | backoff                  | timeout | breaker |
      | WebActivity | 2108 | 504    | Error calling the endpoint 'https://api.contoso.com/orders'. Response status code: 'GatewayTimeout'.        | GatewayTimeout       | retry_pipeline  | 3       | 10, 30, 60               | 1800    | 5       |
      | WebActivity | 2108 | 502    | Error calling the endpoint 'https://api.contoso.com/orders'. No response from the endpoint.                | HttpConnectionFailed | retry_pipeline  | 3       | 5, 15, 30                | 1800    | 5       |
      | Copy        | 2200 | 429    | Failure happened on 'Sink' side. ErrorCode=TooManyRequests,'Type=Microsoft.DataTransfer.Common.Shared.HybridDeliveryException,Message=The request was throttled.' | ThrottlingError | retry_pipeline | 5 | 30, 60, 120, 300, 600 | 1800 | 5 |
      | Copy        | 2200 | 500    | Failure happened on 'Source' side. ErrorCode=InternalServerError,'Message=The service returned an internal error.' | InternalServerError | retry_pipeline | 2 | 30, 60 | 1800 | 5 |

  Scenario: A missing source blob reruns the upstream pipeline that should have written it
    Given an Azure Data Factory Copy activity in staging failed with error code "2200", connector code "UserErrorSourceBlobNotExist" and message "Failure happened on 'Source' side. ErrorCode=UserErrorSourceBlobNotExist,'Type=Microsoft.DataTransfer.Common.Shared.HybridDeliveryException,Message=The required Blob is missing.'"
    When Rebound decides what to do
    Then the error type is "UserErrorSourceBlobNotExists"
    And the category is "dependency"
    And the playbook is "rerun_upstream_pipeline" with 3 retries
    And the backoff is "60, 120, 300" seconds
    And each attempt may take 3600 seconds
    And recovery is verified by the health check "pipeline_succeeded"
    And the circuit breaker opens after 3 failures

  Scenario Outline: ADF data and credential problems always go to a human
    Given an Azure Data Factory Copy activity in development failed with error code "2200", connector code "<connector code>" and message "Failure happened on 'Sink' side. ErrorCode=<connector code>,'Message=<message>'"
    When Rebound decides what to do
    Then the error type is "<error type>"
    And the category is "<category>"
    And Rebound escalates to a human without acting

    Examples:
      | connector code                    | message                                                     | error type                  | category |
      | UserErrorInvalidDataType          | Column 'amount' contains an invalid value 'n/a'.            | UserErrorInvalidDataType    | data     |
      | UserErrorColumnNameInvalid        | Column name 'order_dt' is invalid.                          | UserErrorColumnNameInvalid  | data     |
      | UserErrorSqlOperationFailed       | A database operation failed with the following error.       | UserErrorSqlOperationFailed | data     |
      | GetOAuth2AccessTokenErrorResponse | Failed to get access token from the identity provider.      | AuthenticationError         | security |
