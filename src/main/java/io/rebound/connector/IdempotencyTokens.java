package io.rebound.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Databricks accepts idempotency tokens of at most 64 characters. Longer attempt keys are replaced
 * by their SHA-256 (64 hex characters), so the same attempt always sends the same token.
 */
final class IdempotencyTokens {

  static final int DATABRICKS_MAX_LENGTH = 64;

  private IdempotencyTokens() {}

  static String forDatabricks(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an idempotency key is required to start a job run");
    }
    if (key.length() <= DATABRICKS_MAX_LENGTH) {
      return key;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
