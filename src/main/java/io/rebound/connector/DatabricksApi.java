package io.rebound.connector;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.PatCredentialsProvider;
import com.databricks.sdk.core.http.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The one Databricks SDK client of the application, built on first use so the service starts
 * without Databricks settings. The SDK's own retries are switched off: the remediation executor's
 * retry and circuit-breaker policy is the single place that decides when to call again.
 */
final class DatabricksApi {

  private final DatabricksProperties properties;
  private final ConnectorTimeouts timeouts;
  private volatile WorkspaceClient workspace;

  DatabricksApi(DatabricksProperties properties, ConnectorTimeouts timeouts) {
    this.properties = properties;
    this.timeouts = timeouts;
  }

  /** Runs one SDK call; anything it throws comes out as a {@link ConnectorException}. */
  <T> T call(String what, Function<WorkspaceClient, T> call) {
    DatabricksTransport.forgetLastErrorAnswer(); // a failure before any request must not reuse it
    try {
      return call.apply(workspace());
    } catch (RuntimeException e) {
      throw DatabricksErrors.translate(what, e);
    }
  }

  /** GET returning the platform's JSON body untouched. */
  String getJson(String path, String queryName, String queryValue) {
    String what = "GET " + path;
    return call(
        what,
        ws ->
            rawBody(
                ws.apiClient(), new Request("GET", path).withQueryParam(queryName, queryValue)));
  }

  /** POST of a JSON body, returning the platform's JSON body untouched. */
  String postJson(String path, String jsonBody) {
    String what = "POST " + path;
    return call(
        what,
        ws ->
            rawBody(
                ws.apiClient(),
                new Request("POST", path, jsonBody)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Accept", "application/json")));
  }

  private static String rawBody(ApiClient api, Request request) {
    try (InputStream body = api.execute(request, InputStream.class)) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WorkspaceClient workspace() {
    WorkspaceClient current = workspace;
    if (current == null) {
      synchronized (this) {
        if (workspace == null) {
          workspace = create();
        }
        current = workspace;
      }
    }
    return current;
  }

  private WorkspaceClient create() {
    if (!properties.configured() || properties.token() == null || properties.token().isBlank()) {
      throw new ConnectorException(
          DatabricksErrors.PLATFORM,
          "Databricks is not configured: set DATABRICKS_HOST and DATABRICKS_TOKEN",
          false,
          null,
          null,
          null);
    }
    DatabricksConfig config =
        new DatabricksConfig()
            .setHost(properties.host())
            .setToken(properties.token())
            .setCredentialsProvider(new PatCredentialsProvider())
            .setDisableRetries(true)
            .setHttpClient(new DatabricksTransport(timeouts));
    return new WorkspaceClient(config);
  }
}
