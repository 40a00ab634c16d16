package io.rebound.connector;

import io.rebound.failure.Action;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** GitLab CI: retry the failed jobs of a pipeline, and watch the pipeline. */
final class GitLabClient implements PlatformClient {

  static final String PLATFORM = "gitlab";
  private static final Set<String> STILL_GOING =
      Set.of("created", "waiting_for_resource", "preparing", "pending", "running", "scheduled");

  private final GitLabProperties properties;
  private final JsonHttp http;

  GitLabClient(GitLabProperties properties, ConnectorTimeouts timeouts) {
    this.properties = properties;
    this.http = new JsonHttp(PLATFORM, "GitLab", timeouts);
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public Set<String> actions() {
    return Set.of(Action.RERUN_WORKFLOW.id());
  }

  @Override
  public Set<String> healthChecks() {
    return Set.of("workflow_succeeded");
  }

  /** Retries the pipeline's failed jobs; a pipeline already running again is left alone. */
  @Override
  public ActionResult perform(ActionRequest request) {
    if (!Action.RERUN_WORKFLOW.id().equals(request.action())) {
      throw new IllegalArgumentException("GitLab has no action " + request.action());
    }
    String pipelineId = Targets.required(request, "pipelineId");
    String path = pipelinePath(request, pipelineId);
    String status = call("GET", path).path("status").asString("");
    if (STILL_GOING.contains(status) || "success".equals(status)) {
      return new ActionResult(
          ActionResult.Status.SKIPPED,
          pipelineId,
          "pipeline " + pipelineId + " is already " + status,
          Map.of("previousStatus", status));
    }
    JsonNode retried = call("POST", path + "/retry");
    return new ActionResult(
        ActionResult.Status.DONE,
        retried.path("id").asString(pipelineId),
        "Retrying the failed jobs of pipeline " + pipelineId + " (was " + status + ")",
        Map.of("previousStatus", status));
  }

  @Override
  public HealthCheckResult checkHealth(
      String healthCheck, ActionRequest request, ActionResult result) {
    if (!"workflow_succeeded".equals(healthCheck)) {
      throw new IllegalArgumentException("GitLab has no health check " + healthCheck);
    }
    String pipelineId = Targets.reference(request, result, "pipelineId");
    String status = call("GET", pipelinePath(request, pipelineId)).path("status").asString("");
    String detail = "pipeline " + pipelineId + " is " + status;
    if ("success".equals(status)) {
      return new HealthCheckResult(HealthCheckResult.Status.HEALTHY, detail);
    }
    if (STILL_GOING.contains(status)) {
      return new HealthCheckResult(HealthCheckResult.Status.PENDING, detail);
    }
    return new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, detail);
  }

  /** projectId may be the numeric id or the path (group/project), which GitLab wants escaped. */
  private static String pipelinePath(ActionRequest request, String pipelineId) {
    return "/api/v4/projects/"
        + FactoryRef.segment(Targets.required(request, "projectId"))
        + "/pipelines/"
        + FactoryRef.segment(pipelineId);
  }

  private JsonNode call(String method, String path) {
    if (properties.token() == null || properties.token().isBlank()) {
      throw new ConnectorException(
          PLATFORM, "GitLab is not configured: set GITLAB_TOKEN", false, null, null, null);
    }
    return http.send(
        method,
        URI.create(AzureAdTokens.trimSlash(properties.url()) + path),
        Map.of("PRIVATE-TOKEN", properties.token(), "Accept", "application/json"),
        "POST".equals(method) ? "" : null);
  }
}
