package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rebound.connector.AdfProperties.Credential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tokens through azure-identity against a stand-in Azure AD with its real answers. */
class AzureAdTokensTest {

  private static final String TENANT = "9e2f4c71-3b6a-4d58-a1c0-7f5e8d2b6c34";
  private static final String CLIENT = "535fb089-9ff3-47b6-9bfb-4f1264799865";
  private static final String SECRET = "Xq8~s3cret.Value_for-tests";
  private static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
  private static final ConnectorTimeouts TIMEOUTS =
      new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  private final WireMockServer aad = StandInAuthority.server();
  private final AdfClientTest.MutableClock clock =
      new AdfClientTest.MutableClock(Instant.parse("2025-03-14T02:30:00Z"));

  @BeforeEach
  void start() {
    aad.start();
  }

  @AfterEach
  void stop() {
    aad.stop();
  }

  private AdfProperties settings(Credential credential, String secret, String tokenFile) {
    return new AdfProperties(
        "http://127.0.0.1:1",
        StandInAuthority.authorityHost(aad),
        TENANT,
        CLIENT,
        secret,
        null,
        null,
        null,
        credential,
        tokenFile,
        StandInAuthority.CERTIFICATE);
  }

  private static AdfProperties withoutCertificate(String authorityHost) {
    return new AdfProperties(
        "http://127.0.0.1:1", authorityHost, TENANT, CLIENT, SECRET, null, null, null);
  }

  private AzureAdTokens tokens(AdfProperties settings) {
    return new AzureAdTokens(settings, TIMEOUTS, clock);
  }

  private static String success(String accessToken, long expiresIn) {
    ObjectNode body =
        (ObjectNode)
            Payloads.JSON.readTree(
                Payloads.entry("azure-monitor/aad_token_responses_verbatim.json", "success"));
    body.put("access_token", accessToken).put("expires_in", expiresIn);
    return body.toString();
  }

  @Test
  void clientSecretSignsInWithTheClientCredentialsGrantAndKeepsTheToken() {
    aad.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(success("arm-token-1", 3599))));
    AzureAdTokens tokens = tokens(settings(Credential.CLIENT_SECRET, SECRET, null));

    assertThat(tokens.token()).isEqualTo("arm-token-1");
    assertThat(tokens.token()).isEqualTo("arm-token-1");

    aad.verify(
        1,
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withRequestBody(containing("grant_type=client_credentials"))
            .withRequestBody(containing("scope=https%3A%2F%2Fmanagement.azure.com%2F.default"))
            .withRequestBody(containing("client_id=" + CLIENT))
            .withRequestBody(containing("client_secret=")));
  }

  @Test
  void theTokenIsKeptUntilFiveMinutesBeforeItExpiresThenFetchedAgain() {
    aad.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .inScenario("renewal")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(success("first", 3599)))
            .willSetStateTo("renewed"));
    aad.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .inScenario("renewal")
            .whenScenarioStateIs("renewed")
            .willReturn(okJson(success("second", 3599))));
    AzureAdTokens tokens = tokens(settings(Credential.CLIENT_SECRET, SECRET, null));

    assertThat(tokens.token()).isEqualTo("first");
    clock.advance(Duration.ofMinutes(54));
    assertThat(tokens.token()).isEqualTo("first");
    aad.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

    clock.advance(Duration.ofMinutes(2)); // 56 min: less than five minutes left
    assertThat(tokens.token()).isEqualTo("second");
    assertThat(tokens.token()).isEqualTo("second");
    aad.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void anAuthorityThatCannotBeTrustedIsNamedWithoutJavaTypes() {
    AdfProperties untrusted = withoutCertificate(StandInAuthority.authorityHost(aad));

    assertThatThrownBy(() -> tokens(untrusted).token())
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("Azure AD at " + StandInAuthority.authorityHost(aad))
                    .contains("could not be reached")
                    .contains("unable to find valid certification path")
                    .endsWith("needs rebound.adf.authority-certificate")
                    .doesNotContain("Exception"));
  }

  @Test
  void forgettingTheTokenSignsInAgain() {
    aad.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(success("arm-token-1", 3599))));
    AzureAdTokens tokens = tokens(settings(Credential.CLIENT_SECRET, SECRET, null));

    tokens.token();
    tokens.forget();
    tokens.token();

    aad.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void aWrongSecretIsAClearNonRetryableErrorAndTheSecretIsInNoLogLine() throws IOException {
    aad.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        Files.readString(
                            Path.of(
                                "src/test/resources/azure-ad/token_error_invalid_client.json")))));
    AzureAdTokens tokens = tokens(settings(Credential.CLIENT_SECRET, SECRET, null));

    ListAppender<ILoggingEvent> logs = captureDebugLogs();
    try {
      assertThatThrownBy(tokens::token)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.platform()).isEqualTo("adf");
                assertThat(e.retryable()).isFalse();
                assertThat(e.httpStatus()).isEqualTo(401);
                assertThat(e.getMessage())
                    .contains("credential client-secret")
                    .contains("invalid_client")
                    .contains("AADSTS7000215")
                    .doesNotContain(SECRET);
              });
    } finally {
      release(logs);
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .allSatisfy(
            event -> {
              assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
              if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(SECRET);
              }
            });
  }

  @Test
  void workloadIdentitySendsTheFederatedTokenInsteadOfASecret(@TempDir Path dir)
      throws IOException {
    Path tokenFile = dir.resolve("azure-identity-token");
    Files.writeString(tokenFile, "eyJhbGciOiJSUzI1NiJ9.federated.signature");
    aad.stubFor(
        post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(success("from-workload", 3599))));
    AzureAdTokens tokens =
        tokens(settings(Credential.WORKLOAD_IDENTITY, null, tokenFile.toString()));

    assertThat(tokens.token()).isEqualTo("from-workload");

    aad.verify(
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withRequestBody(
                containing("client_assertion=eyJhbGciOiJSUzI1NiJ9.federated.signature"))
            .withRequestBody(
                containing(
                    "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer")));
  }

  @Test
  void theDefaultChainUsesTheConfiguredServicePrincipal() {
    aad.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(success("from-chain", 3599))));
    AzureAdTokens tokens = tokens(settings(Credential.DEFAULT, SECRET, null));

    assertThat(tokens.token()).isEqualTo("from-chain");
    aad.verify(
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withRequestBody(containing("client_id=" + CLIENT)));
  }

  @Test
  void missingSettingsAreNamedBeforeAnyCall() {
    AzureAdTokens tokens = tokens(settings(Credential.WORKLOAD_IDENTITY, null, null));

    assertThatThrownBy(tokens::token)
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("credential workload-identity")
                  .contains("AZURE_FEDERATED_TOKEN_FILE")
                  .doesNotContain("AZURE_TENANT_ID");
            });
    aad.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void aPlainHttpAuthorityIsRefusedWithTheReason() {
    AdfProperties http = withoutCertificate("http://127.0.0.1:" + aad.port());

    assertThatThrownBy(() -> tokens(http).token())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("AZURE_AUTHORITY_HOST must be an https address");
  }

  private static ListAppender<ILoggingEvent> captureDebugLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    for (String name : new String[] {"com.azure", "com.microsoft.aad", "io.rebound"}) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
    }
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    for (String name : new String[] {"com.azure", "com.microsoft.aad", "io.rebound"}) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
    }
  }
}
