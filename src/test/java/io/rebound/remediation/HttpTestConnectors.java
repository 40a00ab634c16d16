package io.rebound.remediation;

import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.ConnectorException;
import io.rebound.connector.Connectors;
import io.rebound.connector.HealthCheckResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test double of the connector module until feat/connector is merged: a small HTTP client that
 * speaks the real Databricks Clusters and Jobs shapes to WireMock over real HTTP, and maps errors
 * the way the contract says (Retry-After on 429/503, 4xx not retryable).
 */
class HttpTestConnectors implements Connectors {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;

  HttpTestConnectors(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public String platformOf(String action) {
    return switch (action) {
      case "restart_cluster",
          "start_cluster",
          "scale_cluster",
          "restore_cluster_size",
          "retry_job",
          "repair_run",
          "reinstall_library" ->
          "databricks";
      case "retry_pipeline", "rerun_upstream_pipeline" -> "adf";
      case "rerun_workflow" -> "github";
      default -> throw new IllegalArgumentException("unknown action " + action);
    };
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    String cluster = request.target().get("clusterId");
    return switch (request.action()) {
      case "restart_cluster" -> {
        post("/api/2.1/clusters/restart", Map.of("cluster_id", cluster), request.idempotencyKey());
        yield new ActionResult(ActionResult.Status.DONE, cluster, "restart requested", Map.of());
      }
      case "start_cluster" -> {
        post("/api/2.1/clusters/start", Map.of("cluster_id", cluster), request.idempotencyKey());
        yield new ActionResult(ActionResult.Status.DONE, cluster, "start requested", Map.of());
      }
      case "restore_cluster_size" -> {
        post(
            "/api/2.1/clusters/resize",
            Map.of(
                "cluster_id",
                cluster,
                "num_workers",
                Integer.parseInt(request.parameters().get("previousNumWorkers"))),
            request.idempotencyKey());
        yield new ActionResult(ActionResult.Status.DONE, cluster, "restored", Map.of());
      }
      case "scale_cluster" -> {
        JsonNode before = get("/api/2.1/clusters/get?cluster_id=" + cluster);
        int workers = before.path("num_workers").asInt();
        post(
            "/api/2.1/clusters/resize",
            Map.of("cluster_id", cluster, "num_workers", workers * 2),
            request.idempotencyKey());
        yield new ActionResult(
            ActionResult.Status.DONE,
            cluster,
            "resized",
            Map.of("previousNumWorkers", Integer.toString(workers)));
      }
      case "retry_job" -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", Long.parseLong(request.target().get("jobId")));
        body.put("idempotency_token", request.idempotencyKey());
        JsonNode answer = post("/api/2.2/jobs/run-now", body, request.idempotencyKey());
        yield new ActionResult(
            ActionResult.Status.DONE, answer.path("run_id").asString(), "run started", Map.of());
      }
      default ->
          throw new ConnectorException(
              "test", "unsupported " + request.action(), false, 400, null, null);
    };
  }

  @Override
  public HealthCheckResult checkHealth(String check, ActionRequest request, ActionResult result) {
    return switch (check) {
      case "cluster_running" -> {
        String state =
            get("/api/2.1/clusters/get?cluster_id=" + request.target().get("clusterId"))
                .path("state")
                .asString();
        yield switch (state) {
          case "RUNNING" ->
              new HealthCheckResult(HealthCheckResult.Status.HEALTHY, "cluster RUNNING");
          case "PENDING", "RESTARTING", "RESIZING" ->
              new HealthCheckResult(HealthCheckResult.Status.PENDING, "cluster " + state);
          default -> new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, "cluster " + state);
        };
      }
      case "run_succeeded" -> {
        JsonNode run = get("/api/2.2/jobs/runs/get?run_id=" + result.reference());
        String life = run.path("state").path("life_cycle_state").asString();
        String outcome = run.path("state").path("result_state").asString();
        if (!"TERMINATED".equals(life) && !"INTERNAL_ERROR".equals(life)) {
          yield new HealthCheckResult(HealthCheckResult.Status.PENDING, "run " + life);
        }
        yield "SUCCESS".equals(outcome)
            ? new HealthCheckResult(HealthCheckResult.Status.HEALTHY, "run SUCCESS")
            : new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, "run " + outcome);
      }
      default -> new HealthCheckResult(HealthCheckResult.Status.HEALTHY, "no check");
    };
  }

  private JsonNode post(String path, Map<String, ?> body, String idempotencyKey) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Rebound-Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return send(request);
  }

  private JsonNode get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build());
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new ConnectorException(
          "databricks", "no answer: " + e.getClass().getSimpleName(), true, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("databricks", "interrupted", true, null, null, e);
    }
    int status = response.statusCode();
    if (status >= 400) {
      Integer retryAfter =
          response.headers().firstValue("Retry-After").map(Integer::valueOf).orElse(null);
      boolean retryable = status == 429 || status >= 500;
      throw new ConnectorException(
          "databricks", "Databricks answered " + status, retryable, status, retryAfter, null);
    }
    String body = response.body();
    return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
  }
}
