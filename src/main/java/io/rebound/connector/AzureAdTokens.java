package io.rebound.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * ARM bearer tokens by the Azure AD v2.0 client-credentials grant, cached until shortly before they
 * expire.
 *
 * <p>Why not azure-identity's ClientSecretCredential: it delegates to MSAL4J, whose {@code
 * Authority.validateAuthority} rejects any authority that is not https ("authority should use the
 * 'https' scheme"), so AZURE_AUTHORITY_HOST could never point at a local stub; it would also add
 * azure-core, MSAL4J and an HTTP client implementation for this single form POST.
 */
final class AzureAdTokens {

  static final String ARM_SCOPE = "https://management.azure.com/.default";

  /** Renew this long before expiry so a token never runs out in the middle of a call. */
  private static final Duration RENEW_EARLY = Duration.ofMinutes(5);

  private final AdfProperties properties;
  private final JsonHttp http;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  AzureAdTokens(AdfProperties properties, JsonHttp http, Clock clock) {
    this.properties = properties;
    this.http = http;
    this.clock = clock;
  }

  synchronized String token() {
    if (token != null && clock.instant().isBefore(renewAt)) {
      return token;
    }
    requireConfigured();
    URI uri =
        URI.create(
            trimSlash(properties.authorityHost())
                + "/"
                + encode(properties.tenantId())
                + "/oauth2/v2.0/token");
    String form =
        "client_id="
            + encode(properties.clientId())
            + "&scope="
            + encode(ARM_SCOPE)
            + "&client_secret="
            + encode(properties.clientSecret())
            + "&grant_type=client_credentials";
    JsonNode answer = http.send("POST", uri, Map.of(), form, "application/x-www-form-urlencoded");
    String accessToken = answer.path("access_token").asString(null);
    if (accessToken == null || accessToken.isBlank()) {
      throw new ConnectorException(
          "adf", "Azure AD answered without an access_token", false, null, null, null);
    }
    long expiresIn = answer.path("expires_in").asLong(3599);
    Duration lifetime = Duration.ofSeconds(expiresIn);
    Duration margin =
        lifetime.compareTo(RENEW_EARLY.multipliedBy(2)) > 0 ? RENEW_EARLY : lifetime.dividedBy(2);
    token = accessToken;
    renewAt = clock.instant().plus(lifetime).minus(margin);
    return token;
  }

  /** ARM said the token is not (or no longer) good: fetch a fresh one next time. */
  synchronized void forget() {
    token = null;
    renewAt = Instant.MIN;
  }

  private void requireConfigured() {
    if (blank(properties.tenantId())
        || blank(properties.clientId())
        || blank(properties.clientSecret())) {
      throw new ConnectorException(
          "adf",
          "Azure is not configured: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET",
          false,
          null,
          null,
          null);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
