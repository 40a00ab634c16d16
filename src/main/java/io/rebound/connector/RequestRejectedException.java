package io.rebound.connector;

/**
 * The platform said the request itself is wrong (400, 403, 404, 409, 422): a wrong id, a missing
 * permission, a resource that is gone. Asking again cannot help, and it says nothing about the
 * platform's health, so the platform's circuit breaker ignores it (resilience4j ignoreExceptions).
 */
public class RequestRejectedException extends ConnectorException {

  public RequestRejectedException(String platform, String message, int httpStatus) {
    super(platform, message, false, httpStatus, null, null);
  }

  /** Whether an answer with this status says the request is wrong rather than the platform. */
  static boolean rejects(int status) {
    return status == 400 || status == 403 || status == 404 || status == 409 || status == 422;
  }
}
