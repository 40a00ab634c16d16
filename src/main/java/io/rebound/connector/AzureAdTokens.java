package io.rebound.connector;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * ARM bearer tokens from the azure-identity credential that configuration names (client secret,
 * managed identity, workload identity or the DefaultAzureCredential chain), kept until five minutes
 * before they expire.
 *
 * <p>Why a cache of our own on top of MSAL's: MSAL files a token under the authority's host name
 * but looks it up under host:port, so with an authority on an explicit port (every stand-in) it
 * never finds it and signs in before every ARM call. Ours keys on nothing, follows the same
 * five-minute margin, and runs on the connector's clock.
 */
final class AzureAdTokens {

  static final String ARM_SCOPE = "https://management.azure.com/.default";

  /** Renew this long before expiry so a token never runs out in the middle of a call. */
  private static final Duration RENEW_EARLY = Duration.ofMinutes(5);

  private final AdfProperties properties;
  private final ConnectorTimeouts timeouts;
  private final Clock clock;
  private TokenCredential credential;
  private String token;
  private Instant renewAt = Instant.MIN;

  AzureAdTokens(AdfProperties properties, ConnectorTimeouts timeouts, Clock clock) {
    this.properties = properties;
    this.timeouts = timeouts;
    this.clock = clock;
  }

  synchronized String token() {
    if (token != null && clock.instant().isBefore(renewAt)) {
      return token;
    }
    if (credential == null) {
      credential = AzureCredentials.build(properties, timeouts);
    }
    AccessToken fresh = signIn();
    // azure-identity dates the expiry by the system clock; the lifetime left is what carries over
    Duration lifetime =
        fresh.getExpiresAt() == null
            ? Duration.ZERO
            : Duration.between(Instant.now(), fresh.getExpiresAt().toInstant());
    Duration margin =
        lifetime.compareTo(RENEW_EARLY.multipliedBy(2)) > 0 ? RENEW_EARLY : lifetime.dividedBy(2);
    token = fresh.getToken();
    renewAt = clock.instant().plus(lifetime).minus(margin);
    return token;
  }

  private AccessToken signIn() {
    AccessToken answer;
    try {
      answer = credential.getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE));
    } catch (RuntimeException e) {
      throw refused(e);
    }
    if (answer == null || answer.getToken() == null || answer.getToken().isBlank()) {
      throw new ConnectorException(
          AdfClient.PLATFORM, "Azure AD answered without an access token", false, null, null, null);
    }
    return answer;
  }

  /**
   * ARM said the token is not (or no longer) good: start from a fresh credential too, whose empty
   * cache makes the next call really sign in again.
   */
  synchronized void forget() {
    credential = null;
    token = null;
    renewAt = Instant.MIN;
  }

  /**
   * One line an on-call engineer can act on: which credential, what Azure AD said (its AADSTS code
   * names the cause), and whether waiting helps. Azure AD's answers never echo the secret; it is
   * blanked anyway in case a library ever puts request text into a message.
   */
  private ConnectorException refused(RuntimeException e) {
    MsalServiceException aad = find(e, MsalServiceException.class);
    boolean unavailable = find(e, CredentialUnavailableException.class) != null;
    Integer status = aad == null ? null : aad.statusCode();
    boolean retryable =
        !unavailable && (status == null ? aad == null : status >= 500 || status == 429);
    String text;
    if (aad != null || unavailable) {
      String code = aad == null || aad.errorCode() == null ? "" : " (" + aad.errorCode() + ")";
      text =
          "Azure AD refused to sign in with credential "
              + AzureCredentials.name(properties.credential())
              + code
              + ": "
              + firstLine((aad != null ? aad : e).getMessage())
              + (retryable ? "" : "; check the Azure credential settings (docs/azure-identity.md)");
    } else {
      // the innermost cause says what went wrong (refused TLS, no route); the wrappers only name
      // their own Java types
      text =
          "Azure AD at "
              + properties.authorityHost()
              + " could not be reached to sign in with credential "
              + AzureCredentials.name(properties.credential())
              + ": "
              + firstLine(innermost(e).getMessage())
              + (find(e, SSLException.class) == null
                  ? ""
                  : "; an authority with its own certificate needs"
                      + " rebound.adf.authority-certificate");
    }
    return new ConnectorException(AdfClient.PLATFORM, redact(text), retryable, status, null, null);
  }

  private String redact(String text) {
    String secret = properties.clientSecret();
    return secret == null || secret.isBlank() ? text : text.replace(secret, "***");
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }

  private static Throwable innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
