package io.rebound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's view of the API, written out: the session cookie and the CSRF header are sent only
 * when the test says so, so each test shows exactly which of them a request carried.
 */
public final class DashboardClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public DashboardClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Answer send(String method, String path, String jsonBody, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(answer.statusCode(), answer.headers().map(), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Signs in and returns the session: its cookie and CSRF token, ready to send. */
  public Session signIn(String token) {
    Answer answer = send("POST", "/api/session", "{\"token\":\"" + token + "\"}", Map.of());
    if (answer.status() != 200) {
      throw new IllegalStateException("sign-in answered " + answer.status() + ": " + answer.body());
    }
    String cookie = answer.header("Set-Cookie").split(";", 2)[0];
    JsonNode me = send("GET", "/api/session", null, Map.of("Cookie", cookie)).json();
    return new Session(cookie, me.path("csrfHeader").asString(), me.path("csrfToken").asString());
  }

  /** A signed-in browser session. */
  public record Session(String cookie, String csrfHeader, String csrfToken) {

    public Map<String, String> withCsrf() {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Cookie", cookie);
      h.put(csrfHeader, csrfToken);
      return h;
    }

    public Map<String, String> cookieOnly() {
      return Map.of("Cookie", cookie);
    }
  }
}
