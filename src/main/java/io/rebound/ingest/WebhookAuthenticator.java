package io.rebound.ingest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Checks that a delivery comes from the configured sender. Every comparison is constant-time.
 * Returns the reason for a rejection, worded for the engineer configuring the sender, and never
 * containing the secret.
 */
@Component
class WebhookAuthenticator {

  /**
   * What a sender presented; any field may be null.
   *
   * @param signature "sha256=…" from X-Hub-Signature-256 (GitHub) or X-Hub-Signature (Jira)
   */
  record Credentials(String apiKey, String queryToken, String signature, String gitlabToken) {}

  /**
   * Why a request was refused: a short code to count refusals by, and the detail for the sender.
   */
  record Rejection(String reason, String detail) {}

  private final WebhookSecrets secrets;

  WebhookAuthenticator(WebhookSecrets secrets) {
    this.secrets = secrets;
  }

  /**
   * @param body the exact body; only read for a signature (GitHub's, or Jira's when it sent one),
   *     so header-authenticated endpoints are checked before their body is read (null is fine
   *     there)
   */
  Optional<Rejection> rejection(WebhookEndpoint endpoint, Credentials presented, byte[] body) {
    String secret = secrets.secretOf(endpoint.id());
    if (secret == null) {
      return Optional.of(
          new Rejection(
              "no_secret_configured",
              "No secret is configured for this endpoint (rebound.webhooks."
                  + endpoint.id()
                  + ".secret)"));
    }
    return switch (endpoint.auth()) {
      case GITHUB_SIGNATURE -> checkSignature(secret, presented.signature(), body, GITHUB);
      case JIRA_SIGNATURE ->
          presented.signature() != null
              ? checkSignature(secret, presented.signature(), body, JIRA)
              : checkApiKey(secret, presented);
      case GITLAB_TOKEN ->
          presented.gitlabToken() != null
              ? sameSecret(secret, presented.gitlabToken(), "X-Gitlab-Token")
              : checkApiKey(secret, presented);
      case API_KEY -> checkApiKey(secret, presented);
    };
  }

  private static Optional<Rejection> checkApiKey(String secret, Credentials presented) {
    if (presented.apiKey() != null) {
      return sameSecret(secret, presented.apiKey(), "X-Api-Key");
    }
    if (presented.queryToken() != null) {
      return sameSecret(secret, presented.queryToken(), "token parameter");
    }
    return Optional.of(
        new Rejection(
            "missing_credentials",
            "Missing credentials: send the shared secret as header X-Api-Key or as ?token="));
  }

  private static Optional<Rejection> sameSecret(String secret, String presented, String where) {
    byte[] expected = sha256(secret.getBytes(StandardCharsets.UTF_8));
    byte[] actual = sha256(presented.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, actual)
        ? Optional.empty()
        : Optional.of(new Rejection("wrong_secret", "Wrong secret in " + where));
  }

  /** Where a signing sender puts its signature, and where its secret is set. */
  private record Signer(String header, String settings, String secretKey) {}

  private static final Signer GITHUB =
      new Signer(
          "X-Hub-Signature-256", "the GitHub webhook settings", "rebound.webhooks.github.secret");
  private static final Signer JIRA =
      new Signer("X-Hub-Signature", "Jira's webhook (Secret)", "rebound.webhooks.jira.secret");

  private static Optional<Rejection> checkSignature(
      String secret, String header, byte[] body, Signer signer) {
    if (header == null || !header.startsWith("sha256=")) {
      return Optional.of(
          new Rejection(
              "missing_credentials",
              "Missing "
                  + signer.header()
                  + " (sha256=…): set the webhook secret in "
                  + signer.settings()));
    }
    byte[] expected = hmacSha256(secret, body);
    byte[] actual;
    try {
      actual = HexFormat.of().parseHex(header.substring("sha256=".length()).trim());
    } catch (IllegalArgumentException e) {
      return Optional.of(
          new Rejection("bad_signature", signer.header() + " is not a hex sha256 signature"));
    }
    return MessageDigest.isEqual(expected, actual)
        ? Optional.empty()
        : Optional.of(
            new Rejection(
                "bad_signature",
                signer.header()
                    + " does not match the body: the secret in "
                    + signer.settings()
                    + " differs from "
                    + signer.secretKey()));
  }

  static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
