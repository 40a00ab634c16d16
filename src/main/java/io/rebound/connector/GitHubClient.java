package io.rebound.connector;

import io.rebound.failure.Action;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** GitHub Actions: rerun the failed jobs of a workflow run, and watch the run. */
final class GitHubClient implements PlatformClient {

  static final String PLATFORM = "github";
  private static final Set<String> STILL_GOING =
      Set.of("queued", "in_progress", "waiting", "requested", "pending");

  private final GitHubProperties properties;
  private final JsonHttp http;

  GitHubClient(GitHubProperties properties, ConnectorTimeouts timeouts) {
    this.properties = properties;
    this.http = new JsonHttp(PLATFORM, "GitHub", timeouts);
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

  /**
   * Reruns only the failed jobs, in the same run (GitHub counts it as the next run_attempt). The
   * run is read first: a run that is already running again, or has succeeded, is left alone.
   */
  @Override
  public ActionResult perform(ActionRequest request) {
    if (!Action.RERUN_WORKFLOW.id().equals(request.action())) {
      throw new IllegalArgumentException("GitHub has no action " + request.action());
    }
    String runPath = runPath(request, Targets.required(request, "workflowRunId"));
    JsonNode run = call("GET", runPath);
    String runId = run.path("id").asString(Targets.required(request, "workflowRunId"));
    String status = run.path("status").asString("");
    String conclusion = run.path("conclusion").asString("");
    String attempt = run.path("run_attempt").asString("");
    Map<String, String> data = Map.of("previousRunAttempt", attempt);
    if (STILL_GOING.contains(status)) {
      return new ActionResult(
          ActionResult.Status.SKIPPED,
          runId,
          "workflow run " + runId + " is already " + status + " (attempt " + attempt + ")",
          data);
    }
    if ("success".equals(conclusion)) {
      return new ActionResult(
          ActionResult.Status.SKIPPED, runId, "workflow run " + runId + " already succeeded", data);
    }
    call("POST", runPath + "/rerun-failed-jobs");
    return new ActionResult(
        ActionResult.Status.DONE,
        runId,
        "Rerunning the failed jobs of workflow run " + runId + " (was " + conclusion + ")",
        data);
  }

  @Override
  public HealthCheckResult checkHealth(
      String healthCheck, ActionRequest request, ActionResult result) {
    if (!"workflow_succeeded".equals(healthCheck)) {
      throw new IllegalArgumentException("GitHub has no health check " + healthCheck);
    }
    String runId = Targets.reference(request, result, "workflowRunId");
    JsonNode run = call("GET", runPath(request, runId));
    String status = run.path("status").asString("");
    String conclusion = run.path("conclusion").asString("");
    String detail =
        "workflow run "
            + runId
            + " attempt "
            + run.path("run_attempt").asString("?")
            + " is "
            + status
            + (conclusion.isBlank() ? "" : "/" + conclusion);
    if ("completed".equals(status)) {
      return "success".equals(conclusion)
          ? new HealthCheckResult(HealthCheckResult.Status.HEALTHY, detail)
          : new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, detail);
    }
    return new HealthCheckResult(HealthCheckResult.Status.PENDING, detail);
  }

  private String runPath(ActionRequest request, String runId) {
    String repository = Targets.required(request, "repository");
    String[] ownerAndName = repository.split("/");
    if (ownerAndName.length != 2 || ownerAndName[0].isBlank() || ownerAndName[1].isBlank()) {
      throw new IllegalArgumentException(
          "rerun_workflow: target repository must be owner/name, got \"" + repository + "\"");
    }
    return "/repos/"
        + FactoryRef.segment(ownerAndName[0])
        + "/"
        + FactoryRef.segment(ownerAndName[1])
        + "/actions/runs/"
        + FactoryRef.segment(runId);
  }

  private JsonNode call(String method, String path) {
    if (properties.token() == null || properties.token().isBlank()) {
      throw new ConnectorException(
          PLATFORM, "GitHub is not configured: set GITHUB_TOKEN", false, null, null, null);
    }
    return http.send(
        method,
        URI.create(AzureAdTokens.trimSlash(properties.apiUrl()) + path),
        Map.of(
            "Authorization",
            "Bearer " + properties.token(),
            "Accept",
            "application/vnd.github+json",
            "X-GitHub-Api-Version",
            properties.apiVersion()),
        "POST".equals(method) ? "" : null);
  }
}
