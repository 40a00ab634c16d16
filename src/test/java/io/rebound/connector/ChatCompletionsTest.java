package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The three kinds of endpoint differ only in address and credential; each is asked the same way and
 * its answer (the documented chat-completion shape) read the same way.
 */
class ChatCompletionsTest {

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  @BeforeEach
  void start() throws Exception {
    server.start();
    server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(answer()));
    server.stubFor(
        post(urlPathEqualTo("/openai/deployments/rebound-gpt/chat/completions"))
            .withQueryParam("api-version", equalTo("2024-10-21"))
            .willReturn(answer()));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void openAiIsAskedWithABearerKeyAndTheModel() {
    ChatCompletions.Reply reply =
        client("openai", server.baseUrl(), "sk-1", "gpt-4.1-mini").complete("sys", "user", 300);

    assertThat(reply.content()).isEqualTo("CONTENT");
    assertThat(reply.model()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(reply.promptTokens()).isEqualTo(612);
    assertThat(reply.completionTokens()).isEqualTo(188);
    assertThat(reply.totalTokens()).isEqualTo(800);
    var asked = server.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).get(0);
    assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer sk-1");
    JsonNode body = JsonHttp.JSON.readTree(asked.getBodyAsString());
    assertThat(body.path("model").asString()).isEqualTo("gpt-4.1-mini");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("user");
  }

  @Test
  void azureOpenAiIsAskedAtItsDeploymentWithAnApiKeyHeader() {
    ChatModelProperties azure =
        new ChatModelProperties(
            "azure-openai", server.baseUrl() + "/", "az-key", null, "rebound-gpt", null, null);
    new ChatCompletions(azure, ConnectorTimeouts.defaults()).complete("sys", "user", 100);

    var asked =
        server
            .findAll(
                postRequestedFor(
                    urlPathEqualTo("/openai/deployments/rebound-gpt/chat/completions")))
            .get(0);
    assertThat(asked.getHeader("api-key")).isEqualTo("az-key");
    assertThat(asked.containsHeader("Authorization")).isFalse();
    assertThat(JsonHttp.JSON.readTree(asked.getBodyAsString()).has("model")).isFalse();
  }

  @Test
  void ollamaNeedsNoKeyAndABaseUrlEndingInV1IsTakenAsItIs() {
    client("ollama", server.baseUrl() + "/v1", null, "llama3.2").complete("sys", "user", 100);

    var asked = server.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).get(0);
    assertThat(asked.containsHeader("Authorization")).isFalse();
    assertThat(JsonHttp.JSON.readTree(asked.getBodyAsString()).path("model").asString())
        .isEqualTo("llama3.2");
  }

  @Test
  void aSlowEndpointTimesOutAsARetryableErrorWithoutTheKey() {
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions")).willReturn(answer().withFixedDelay(2_000)));
    ChatModelProperties slow =
        new ChatModelProperties(
            "openai", server.baseUrl(), "sk-secret", "m", null, null, Duration.ofMillis(300));

    assertThatThrownBy(
            () -> new ChatCompletions(slow, ConnectorTimeouts.defaults()).complete("s", "u", 10))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("timed out")
        .hasMessageNotContaining("sk-secret");
  }

  @Test
  void aRefusedKeyIsReportedWithoutTheEndpointsQuoteOfIt() {
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"Incorrect API key provided: sk-wro****3456.\","
                            + " \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}")));

    assertThatThrownBy(
            () -> client("openai", server.baseUrl(), "sk-wrong-123456", "m").complete("s", "u", 9))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("refused the API key")
        .hasMessageNotContaining("sk-wro");
  }

  private ChatCompletions client(String provider, String url, String key, String model) {
    return new ChatCompletions(
        new ChatModelProperties(provider, url, key, model, null, null, null),
        ConnectorTimeouts.defaults());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer() {
    try {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(Files.readString(Path.of("src/test/resources/ai/chat-completion-200.json")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
