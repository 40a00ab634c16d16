package io.rebound.connector;

import io.rebound.failure.Action;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sends each action and health check to the client of its platform. */
final class PlatformConnectors implements Connectors {

  static final String CI = "ci";
  private static final String RERUN_WORKFLOW = Action.RERUN_WORKFLOW.id();
  private static final String WORKFLOW_SUCCEEDED = "workflow_succeeded";

  private final Map<String, PlatformClient> byPlatform = new TreeMap<>();
  private final Map<String, PlatformClient> byAction = new TreeMap<>();
  private final Map<String, PlatformClient> byHealthCheck = new TreeMap<>();

  PlatformConnectors(List<PlatformClient> clients) {
    for (PlatformClient client : clients) {
      byPlatform.put(client.platform(), client);
      if (isCi(client)) {
        continue; // GitHub and GitLab share action names; the target decides
      }
      client.actions().forEach(action -> byAction.put(action, client));
      client.healthChecks().forEach(check -> byHealthCheck.put(check, client));
    }
  }

  @Override
  public String platformOf(String action) {
    if (RERUN_WORKFLOW.equals(action)) {
      return CI;
    }
    return clientForAction(action).platform();
  }

  @Override
  public String platformOf(ActionRequest request) {
    if (RERUN_WORKFLOW.equals(request.action())) {
      return ciPlatform(request);
    }
    return clientForAction(request.action()).platform();
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    return client(platformOf(request)).perform(request);
  }

  @Override
  public HealthCheckResult checkHealth(
      String healthCheck, ActionRequest request, ActionResult result) {
    if (WORKFLOW_SUCCEEDED.equals(healthCheck)) {
      return client(ciPlatform(request)).checkHealth(healthCheck, request, result);
    }
    PlatformClient client = byHealthCheck.get(healthCheck);
    if (client == null) {
      throw new IllegalArgumentException(
          "unknown health check \""
              + healthCheck
              + "\"; known: "
              + byHealthCheck.keySet()
              + " and "
              + WORKFLOW_SUCCEEDED);
    }
    return client.checkHealth(healthCheck, request, result);
  }

  private PlatformClient clientForAction(String action) {
    if (Action.ESCALATE.id().equals(action)) {
      throw new IllegalArgumentException(
          "escalate is not a platform action: the remediation executor handles it");
    }
    PlatformClient client = byAction.get(action);
    if (client == null) {
      throw new IllegalArgumentException(
          "unknown action \""
              + action
              + "\"; known: "
              + byAction.keySet()
              + " and "
              + RERUN_WORKFLOW);
    }
    return client;
  }

  /** A target "platform" entry wins; otherwise GitLab ids or GitHub ids decide. */
  private static String ciPlatform(ActionRequest request) {
    var named = Targets.target(request, "platform").map(String::toLowerCase);
    if (named.isPresent()) {
      if (named.get().equals(GitHubClient.PLATFORM) || named.get().equals(GitLabClient.PLATFORM)) {
        return named.get();
      }
      throw new IllegalArgumentException(
          request.action() + ": target platform must be github or gitlab, got " + named.get());
    }
    Map<String, String> target = request.target();
    if (target.containsKey("projectId") || target.containsKey("pipelineId")) {
      return GitLabClient.PLATFORM;
    }
    if (target.containsKey("repository") || target.containsKey("workflowRunId")) {
      return GitHubClient.PLATFORM;
    }
    throw new IllegalArgumentException(
        request.action()
            + " cannot tell GitHub from GitLab: give target platform, repository+workflowRunId"
            + " (GitHub) or projectId+pipelineId (GitLab)");
  }

  private PlatformClient client(String platform) {
    PlatformClient client = byPlatform.get(platform);
    if (client == null) {
      throw new IllegalArgumentException("no connector for platform " + platform);
    }
    return client;
  }

  private static boolean isCi(PlatformClient client) {
    return client.platform().equals(GitHubClient.PLATFORM)
        || client.platform().equals(GitLabClient.PLATFORM);
  }
}
