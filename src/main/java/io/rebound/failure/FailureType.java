package io.rebound.failure;

/** Who caused the failure, in the platforms' own terms (ADF's failureType, Databricks' type). */
public enum FailureType {
  USER_ERROR,
  SYSTEM_ERROR,
  UNKNOWN
}
