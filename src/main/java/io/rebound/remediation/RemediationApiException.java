package io.rebound.remediation;

/** A refused API request, answered as JSON with its status, code and a plain message. */
class RemediationApiException extends RuntimeException {

  private final int status;
  private final String code;

  RemediationApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
