package io.rebound.connector;

/**
 * A platform call that failed. {@code retryable} is false for answers that retrying cannot fix
 * (400, 401, 403, 404...); {@code retryAfterSeconds} carries a 429/503 Retry-After.
 */
public class ConnectorException extends RuntimeException {

  private final String platform;
  private final boolean retryable;
  private final Integer httpStatus;
  private final Integer retryAfterSeconds;

  public ConnectorException(
      String platform,
      String message,
      boolean retryable,
      Integer httpStatus,
      Integer retryAfterSeconds,
      Throwable cause) {
    super(message, cause);
    this.platform = platform;
    this.retryable = retryable;
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public String platform() {
    return platform;
  }

  public boolean retryable() {
    return retryable;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
