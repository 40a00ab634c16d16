package io.rebound.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * One chat completion ({@code POST .../chat/completions}) from an OpenAI-compatible endpoint:
 * OpenAI, Azure OpenAI (deployment URL, {@code api-key} header) or Ollama (its OpenAI-compatible
 * {@code /v1} API). A plain HTTP call rather than Spring AI: see docs/ai-summary.md for why.
 */
@Component
public class ChatCompletions {

  /** The model's answer and what it cost in tokens, as the endpoint reported it. */
  public record Reply(
      String content, String model, int promptTokens, int completionTokens, int totalTokens) {}

  private static final String PLATFORM = "ai";

  private final ChatModelProperties properties;
  private final JsonHttp http;

  ChatCompletions(ChatModelProperties properties, ConnectorTimeouts timeouts) {
    this.properties = properties;
    this.http =
        new JsonHttp(
            PLATFORM,
            "The AI endpoint",
            new ConnectorTimeouts(timeouts.connectTimeout(), properties.timeout()));
  }

  /** True when an endpoint is configured (a base URL). */
  public boolean configured() {
    return properties.baseUrl() != null && !properties.baseUrl().isBlank();
  }

  /**
   * @param maxTokens the most the answer may use (max_tokens): the cost cap of one call
   */
  public Reply complete(String system, String user, int maxTokens) {
    Map<String, Object> request = new LinkedHashMap<>();
    if (!azure()) {
      request.put("model", properties.model());
    }
    request.put(
        "messages",
        List.of(
            Map.of("role", "system", "content", system), Map.of("role", "user", "content", user)));
    request.put("max_tokens", maxTokens);
    request.put("temperature", 0.2);
    JsonNode answer;
    try {
      answer = http.send("POST", uri(), headers(), JsonHttp.JSON.writeValueAsString(request));
    } catch (ConnectorException e) {
      if (e.httpStatus() != null && e.httpStatus() == 401) {
        // OpenAI's 401 text quotes part of the key it refused: it stays out of the audit trail
        throw new ConnectorException(
            PLATFORM,
            "The AI endpoint refused the API key (HTTP 401): check rebound.ai.api-key",
            false,
            401,
            null,
            null);
      }
      throw e;
    }
    JsonNode usage = answer.path("usage");
    return new Reply(
        answer.path("choices").path(0).path("message").path("content").asString(""),
        answer.path("model").asString(properties.model()),
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0),
        usage.path("total_tokens").asInt(0));
  }

  private boolean azure() {
    return "azure-openai".equals(properties.provider());
  }

  private URI uri() {
    if (!configured()) {
      throw new ConnectorException(
          PLATFORM, "No AI endpoint is configured (rebound.ai.base-url)", false, null, null, null);
    }
    String base = properties.baseUrl().trim();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (azure()) {
      return URI.create(
          base
              + "/openai/deployments/"
              + URLEncoder.encode(
                  String.valueOf(properties.azureDeployment()), StandardCharsets.UTF_8)
              + "/chat/completions?api-version="
              + URLEncoder.encode(properties.azureApiVersion(), StandardCharsets.UTF_8));
    }
    // OpenAI's base URL may already end in /v1 (many compatible servers are documented that way)
    return URI.create(base + (base.endsWith("/v1") ? "" : "/v1") + "/chat/completions");
  }

  private Map<String, String> headers() {
    String key = properties.apiKey();
    if (key == null || key.isBlank()) {
      return Map.of("Accept", "application/json");
    }
    return azure()
        ? Map.of("Accept", "application/json", "api-key", key)
        : Map.of("Accept", "application/json", "Authorization", "Bearer " + key);
  }
}
