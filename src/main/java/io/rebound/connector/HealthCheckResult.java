package io.rebound.connector;

/** One poll of a health check: HEALTHY resolves, PENDING polls again, UNHEALTHY fails the step. */
public record HealthCheckResult(Status status, String detail) {

  public enum Status {
    HEALTHY,
    PENDING,
    UNHEALTHY
  }
}
