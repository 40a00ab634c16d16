package io.rebound.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP statuses and connector codes hidden in ADF messages. */
class AdfErrorsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Error calling the endpoint 'https://x'. Response status code: 'GatewayTimeout' | 504",
        "Response status code: 'InternalServerError' | 500",
        "Response status code: 'TooManyRequests' | 429",
        "Response status code: 'ServiceUnavailable' | 503",
        "Invoking endpoint failed with HttpStatusCode - 503 | 503",
        "The remote server returned status code 404 | 404",
        "Response status code: 'NoSuchStatus' | ",
        "status code 999 | ",
        "Operation on target Copy failed: timeout | "
      })
  void httpStatusFromTheMessage(String message, Integer status) {
    assertThat(AdfErrors.httpStatus(message)).isEqualTo(status);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Failure happened on 'Sink' side. ErrorCode=SqlOperationFailed,'Type=x' | SqlOperationFailed",
        "ErrorCode=UserErrorSourceBlobNotExist,'Type=x' | UserErrorSourceBlobNotExist",
        "no code here | "
      })
  void connectorCodeFromTheMessage(String message, String code) {
    assertThat(AdfErrors.connectorCode(message)).isEqualTo(code);
  }
}
