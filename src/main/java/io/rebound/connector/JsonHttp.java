package io.rebound.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON over java.net.http for the platforms without a usable Java SDK here (ARM, GitHub, GitLab,
 * Jira). Turns every failure into a {@link ConnectorException} with the platform's own error text
 * and never puts request headers (tokens) into a message.
 */
final class JsonHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String platform;
  private final String platformName;
  private final HttpClient http;
  private final ConnectorTimeouts timeouts;

  JsonHttp(String platform, String platformName, ConnectorTimeouts timeouts) {
    this.platform = platform;
    this.platformName = platformName;
    this.timeouts = timeouts;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends a request; {@code body} null means no body. Answers the parsed JSON (NullNode if empty).
   */
  JsonNode send(String method, URI uri, Map<String, String> headers, String body) {
    return send(method, uri, headers, body, "application/json");
  }

  JsonNode send(
      String method, URI uri, Map<String, String> headers, String body, String contentType) {
    String call = method + " " + uri.getPath();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeouts.readTimeout())
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      // causes stay inside: no HTTP client type leaves the package
      throw new ConnectorException(
          platform, platformName + " " + call + " timed out", true, null, null, null);
    } catch (IOException e) {
      throw new ConnectorException(
          platform,
          platformName + " " + call + " could not be reached: " + e.getMessage(),
          true,
          null,
          null,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(
          platform, platformName + " " + call + " was interrupted", true, null, null, null);
    }
    int status = response.statusCode();
    JsonNode json = parse(response.body());
    if (status >= 300 && status < 400) {
      // Never followed: a redirected POST could silently turn into a GET.
      throw new ConnectorException(
          platform,
          platformName
              + " redirected "
              + call
              + " to "
              + response.headers().firstValue("Location").orElse("?")
              + "; point the configured base URL at the final address",
          false,
          status,
          null,
          null);
    }
    if (status >= 400) {
      throw failure(call, status, json, response);
    }
    return json;
  }

  private ConnectorException failure(
      String call, int status, JsonNode json, HttpResponse<String> response) {
    String code = firstText(json.path("error").path("code"), json.path("error"));
    String message =
        firstText(
            json.path("error").path("message"),
            json.path("error_description"),
            json.path("message"),
            json.path("error"),
            // Jira: {"errorMessages": [...], "errors": {"field": "why"}}
            json.path("errorMessages").path(0));
    boolean retryable = Retryability.retryable(status, null);
    Integer retryAfter =
        retryable
            ? response.headers().firstValue("Retry-After").flatMap(RetryAfter::seconds).orElse(null)
            : null;
    String text =
        platformName
            + " answered "
            + status
            + (code == null ? "" : " " + code)
            + " to "
            + call
            + (message == null ? "" : ": " + message);
    if (!retryable && RequestRejectedException.rejects(status)) {
      return new RequestRejectedException(platform, text, status);
    }
    return new ConnectorException(platform, text, retryable, status, retryAfter, null);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException notJson) {
      return NullNode.getInstance();
    }
  }

  private static String firstText(JsonNode... candidates) {
    for (JsonNode node : candidates) {
      if (node != null && node.isString() && !node.asString().isBlank()) {
        return node.asString();
      }
    }
    return null;
  }
}
