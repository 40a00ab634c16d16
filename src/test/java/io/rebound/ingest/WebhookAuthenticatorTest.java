package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookAuthenticatorTest {

  private final WebhookAuthenticator authenticator =
      new WebhookAuthenticator(
          new WebhookSecrets(
              Map.of(
                  "github", new WebhookSecrets.Endpoint("It's a Secret to Everybody"),
                  "gitlab", new WebhookSecrets.Endpoint("my-shared-webhook-token"),
                  "azure-monitor", new WebhookSecrets.Endpoint("s3cret"))));

  @Test
  void githubSignatureOfTheRecordedDeliveryMatchesTheDocsSecret() throws Exception {
    byte[] body =
        Files.readAllBytes(TestHttp.PAYLOADS.resolve("cicd/github_workflow_run_failure.json"));
    JsonNode headers = TestHttp.payloadJson("cicd/github_workflow_run_failure.headers.json");
    String signature = headers.path("X-Hub-Signature-256").asString();

    assertThat(authenticator.rejection(WebhookEndpoint.GITHUB, github(signature), body)).isEmpty();
  }

  @Test
  void oneChangedByteBreaksTheGithubSignature() throws Exception {
    byte[] body =
        Files.readAllBytes(TestHttp.PAYLOADS.resolve("cicd/github_workflow_run_failure.json"));
    String signature =
        TestHttp.payloadJson("cicd/github_workflow_run_failure.headers.json")
            .path("X-Hub-Signature-256")
            .asString();
    body[body.length - 2] ^= 1;

    assertThat(authenticator.rejection(WebhookEndpoint.GITHUB, github(signature), body))
        .hasValueSatisfying(reason -> assertThat(reason.detail()).contains("does not match"));
  }

  @Test
  void githubWithoutASignatureIsRejectedEvenWithAnApiKey() {
    var credentials =
        new WebhookAuthenticator.Credentials("It's a Secret to Everybody", null, null, null);
    assertThat(authenticator.rejection(WebhookEndpoint.GITHUB, credentials, new byte[0]))
        .hasValueSatisfying(reason -> assertThat(reason.detail()).contains("X-Hub-Signature-256"));
  }

  @Test
  void apiKeyOrQueryTokenAuthenticateOtherSources() {
    byte[] body = "{}".getBytes();
    assertThat(
            authenticator.rejection(
                WebhookEndpoint.AZURE_MONITOR,
                new WebhookAuthenticator.Credentials("s3cret", null, null, null),
                body))
        .isEmpty();
    assertThat(
            authenticator.rejection(
                WebhookEndpoint.AZURE_MONITOR,
                new WebhookAuthenticator.Credentials(null, "s3cret", null, null),
                body))
        .isEmpty();
    assertThat(
            authenticator.rejection(
                WebhookEndpoint.AZURE_MONITOR,
                new WebhookAuthenticator.Credentials("s3cre", null, null, null),
                body))
        .hasValueSatisfying(reason -> assertThat(reason.detail()).doesNotContain("s3cret"));
    assertThat(
            authenticator.rejection(
                WebhookEndpoint.GITLAB,
                new WebhookAuthenticator.Credentials(null, null, null, "my-shared-webhook-token"),
                body))
        .isEmpty();
  }

  @Test
  void anEndpointWithoutASecretAcceptsNothing() {
    assertThat(
            authenticator.rejection(
                WebhookEndpoint.JENKINS,
                new WebhookAuthenticator.Credentials("", "", null, null),
                "{}".getBytes()))
        .hasValueSatisfying(
            reason -> assertThat(reason.detail()).contains("rebound.webhooks.jenkins.secret"));
  }

  private static WebhookAuthenticator.Credentials github(String signature) {
    return new WebhookAuthenticator.Credentials(null, null, signature, null);
  }
}
