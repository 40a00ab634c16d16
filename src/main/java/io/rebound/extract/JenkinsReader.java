package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Jenkins Notification Plugin bodies: {name, url, build: {full_url, number, phase, status, log,
 * scm: {url, branch, commit}}}. Until the build completes its status is not final.
 */
final class JenkinsReader implements BodyReader {

  private static final CiStatus STATUS =
      new CiStatus(Set.of("failure", "unstable", "aborted"), Set.of("success"), Set.of());
  private static final Set<String> RUNNING_PHASES = Set.of("QUEUED", "STARTED");

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("build").isObject() && body.has("name");
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode build = body.path("build");
    String phase = Json.text(build, "phase");
    String status = Json.text(build, "status");
    return new FactBuilder(Source.JENKINS)
        .kind(ResourceKind.WORKFLOW_RUN)
        .outcome(RUNNING_PHASES.contains(phase) ? Outcome.IN_PROGRESS : STATUS.outcome(status))
        .pipeline(Json.text(body, "name"))
        .workflowRunId(Json.text(build, "number"))
        .repository(repository(Json.text(build, "scm", "url")))
        .branch(Json.text(build, "scm", "branch"))
        .platformCode(status)
        .message(Json.text(build, "log"))
        .occurredAt(Json.instant(build, "timestamp"))
        .attribute("phase", phase)
        .attribute("status", status)
        .attribute("buildUrl", Json.text(build, "full_url"))
        .attribute("commit", Json.text(build, "scm", "commit"));
  }

  /** "https://github.com/org/repo.git" or "git@github.com:org/repo.git" → "org/repo". */
  static String repository(String scmUrl) {
    if (scmUrl == null) {
      return null;
    }
    String path = scmUrl.replaceFirst("^[a-z+]+://[^/]+/", "").replaceFirst("^[^@]+@[^:]+:", "");
    return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
  }
}
