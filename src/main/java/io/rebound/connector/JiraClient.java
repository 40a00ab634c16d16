package io.rebound.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Jira Cloud REST API v3: create an issue, find one by JQL, comment on it. Errors come back as
 * {@link ConnectorException} with Jira's own message, retryable or not, like every other platform;
 * the token never appears in one.
 */
@Component
public class JiraClient {

  /** An issue Jira created: its key (PROJ-123) and the page people open. */
  public record CreatedIssue(String id, String key, String browseUrl) {}

  private static final String PLATFORM = "jira";

  private final JiraProperties properties;
  private final JsonHttp http;

  JiraClient(JiraProperties properties, ConnectorTimeouts timeouts) {
    this.properties = properties;
    this.http = new JsonHttp(PLATFORM, "Jira", timeouts);
  }

  public boolean configured() {
    return properties.configured();
  }

  /**
   * {@code POST /rest/api/3/issue}.
   *
   * @param fields the issue's fields as Jira names them (project, issuetype, summary, description
   *     in Atlassian Document Format, labels...)
   */
  public CreatedIssue createIssue(Map<String, Object> fields) {
    JsonNode created =
        http.send(
            "POST",
            uri("/rest/api/3/issue"),
            headers(),
            JsonHttp.JSON.writeValueAsString(Map.of("fields", fields)));
    String key = created.path("key").asString("");
    if (key.isBlank()) {
      throw new ConnectorException(
          PLATFORM, "Jira created an issue but its answer has no key", false, 201, null, null);
    }
    return new CreatedIssue(created.path("id").asString(""), key, browseUrl(key));
  }

  /**
   * {@code POST /rest/api/3/issue/{key}/comment}.
   *
   * @param body the comment in Atlassian Document Format
   */
  public void addComment(String issueKey, Map<String, Object> body) {
    http.send(
        "POST",
        uri(
            "/rest/api/3/issue/"
                + URLEncoder.encode(issueKey, StandardCharsets.UTF_8)
                + "/comment"),
        headers(),
        JsonHttp.JSON.writeValueAsString(Map.of("body", body)));
  }

  /**
   * {@code GET /rest/api/3/search/jql}: the key of the first issue the JQL finds, if any. Jira's
   * search may lag a just-created issue by a few seconds.
   */
  public java.util.Optional<String> findIssueKey(String jql) {
    JsonNode found =
        http.send(
            "GET",
            uri(
                "/rest/api/3/search/jql?jql="
                    + URLEncoder.encode(jql, StandardCharsets.UTF_8)
                    + "&fields=key&maxResults=1"),
            headers(),
            null);
    String key = found.path("issues").path(0).path("key").asString("");
    return key.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(key);
  }

  /** Where people open the issue in a browser. */
  public String browseUrl(String issueKey) {
    return base() + "/browse/" + URLEncoder.encode(issueKey, StandardCharsets.UTF_8);
  }

  private Map<String, String> headers() {
    String credentials = properties.email() + ":" + properties.apiToken();
    return Map.of(
        "Accept",
        "application/json",
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  private URI uri(String path) {
    if (!configured()) {
      throw new ConnectorException(
          PLATFORM, "Jira is not configured (rebound.jira.base-url)", false, null, null, null);
    }
    return URI.create(base() + path);
  }

  private String base() {
    String base = properties.baseUrl() == null ? "" : properties.baseUrl().trim();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
