package io.rebound.connector;

import io.rebound.failure.Action;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure Data Factory over the ARM REST API (api-version 2018-06-01): rerun from failure, rerun an
 * upstream pipeline, and the pipeline_succeeded health check.
 */
final class AdfClient implements PlatformClient {

  static final String PLATFORM = "adf";
  private static final String API_VERSION = "2018-06-01";
  private static final Set<String> ALIVE_OR_DONE = Set.of("Queued", "InProgress", "Succeeded");
  private static final Set<String> STILL_GOING = Set.of("Queued", "InProgress", "Canceling");

  private final AdfProperties properties;
  private final AzureAdTokens tokens;
  private final JsonHttp http;
  private final Clock clock;

  AdfClient(AdfProperties properties, ConnectorTimeouts timeouts, Clock clock) {
    this.properties = properties;
    this.http = new JsonHttp(PLATFORM, "Azure Data Factory", timeouts);
    this.tokens = new AzureAdTokens(properties, timeouts, clock);
    this.clock = clock;
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public Set<String> actions() {
    return Set.of(Action.RETRY_PIPELINE.id(), Action.RERUN_UPSTREAM_PIPELINE.id());
  }

  @Override
  public Set<String> healthChecks() {
    return Set.of("pipeline_succeeded");
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    FactoryRef factory = FactoryRef.of(request, properties);
    return switch (Action.of(request.action())) {
      case RETRY_PIPELINE ->
          rerunFromFailure(
              factory,
              Targets.required(request, "pipeline"),
              Targets.required(request, "pipelineRunId"));
      case RERUN_UPSTREAM_PIPELINE -> rerunUpstream(factory, request);
      default -> throw new IllegalArgumentException("ADF has no action " + request.action());
    };
  }

  @Override
  public HealthCheckResult checkHealth(
      String healthCheck, ActionRequest request, ActionResult result) {
    if (!"pipeline_succeeded".equals(healthCheck)) {
      throw new IllegalArgumentException("ADF has no health check " + healthCheck);
    }
    FactoryRef factory = FactoryRef.of(request, properties);
    String runId = Targets.reference(request, result, "pipelineRunId");
    JsonNode run = getRun(factory, runId);
    String status = run.path("status").asString("");
    String message = run.path("message").asString("");
    String detail =
        "pipeline run "
            + runId
            + " ("
            + run.path("pipelineName").asString("?")
            + ") is "
            + status
            + (message.isBlank() ? "" : ": " + message);
    return switch (status) {
      case "Succeeded" -> new HealthCheckResult(HealthCheckResult.Status.HEALTHY, detail);
      case "Failed", "Cancelled" ->
          new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, detail);
      default -> new HealthCheckResult(HealthCheckResult.Status.PENDING, detail);
    };
  }

  /**
   * Reruns a failed pipeline run from its failed activities. At most once: ADF groups recovery runs
   * under the original run's group id, so the latest run of that group is read first. If it is a
   * recovery run that is queued, running or succeeded, that run is returned instead of a new one.
   */
  private ActionResult rerunFromFailure(FactoryRef factory, String pipeline, String failedRunId) {
    JsonNode failed = getRun(factory, failedRunId);
    String group = failed.path("runGroupId").asString(failedRunId);
    JsonNode latest = latestInGroup(factory, group, failed);
    String reference = failedRunId;
    if (latest != null) {
      String latestId = latest.path("runId").asString("");
      String latestStatus = latest.path("status").asString("");
      if (!latestId.equals(failedRunId) && ALIVE_OR_DONE.contains(latestStatus)) {
        return new ActionResult(
            ActionResult.Status.DONE,
            latestId,
            "Recovery run "
                + latestId
                + " of "
                + pipeline
                + " is already "
                + latestStatus
                + "; not starting another",
            Map.of("runId", latestId, "reused", "true", "referencePipelineRunId", failedRunId));
      }
      if (!latestId.isBlank() && "Failed".equals(latestStatus)) {
        reference = latestId; // a recovery already failed: recover from where it stopped
      }
    }
    URI uri =
        uri(
            factory,
            "/pipelines/" + FactoryRef.segment(pipeline) + "/createRun",
            "&referencePipelineRunId="
                + FactoryRef.segment(reference)
                + "&isRecovery=true&startFromFailure=true");
    JsonNode created = authorized("POST", uri, "{}");
    String runId = created.path("runId").asString("");
    return new ActionResult(
        ActionResult.Status.DONE,
        runId,
        "Rerunning " + pipeline + " from its failed activities as run " + runId,
        Map.of("runId", runId, "reused", "false", "referencePipelineRunId", reference));
  }

  /**
   * The downstream pipeline failed because its input was missing: look at the upstream pipeline's
   * last run. Failed: rerun it from failure. Still running: wait for it. Succeeded: nothing to do
   * upstream, the caller retries the downstream.
   */
  private ActionResult rerunUpstream(FactoryRef factory, ActionRequest request) {
    String upstream =
        Targets.parameter(request, "upstreamPipeline")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "rerun_upstream_pipeline needs parameter upstreamPipeline"));
    int lookbackHours = Targets.intParameter(request, "lookbackHours", 24);
    Instant now = clock.instant();
    ObjectNode filter = JsonHttp.JSON.createObjectNode();
    filter.put("lastUpdatedAfter", now.minus(Duration.ofHours(lookbackHours)).toString());
    filter.put("lastUpdatedBefore", now.plus(Duration.ofHours(1)).toString());
    addFilter(filter, "PipelineName", upstream);
    ObjectNode order = filter.putArray("orderBy").addObject();
    order.put("orderBy", "RunStart");
    order.put("order", "DESC");
    JsonNode runs = authorized("POST", uri(factory, "/queryPipelineRuns", ""), write(filter));
    JsonNode last = newest(runs.path("value"));
    if (last == null) {
      throw new ConnectorException(
          PLATFORM,
          "upstream pipeline " + upstream + " has no run in the last " + lookbackHours + " hours",
          false,
          null,
          null,
          null);
    }
    String runId = last.path("runId").asString("");
    String status = last.path("status").asString("");
    Map<String, String> data = new LinkedHashMap<>();
    data.put("upstreamPipeline", upstream);
    data.put("upstreamRunId", runId);
    data.put("upstreamStatus", status);
    if ("Failed".equals(status)) {
      ActionResult rerun = rerunFromFailure(factory, upstream, runId);
      data.putAll(rerun.data());
      return new ActionResult(rerun.status(), rerun.reference(), rerun.detail(), data);
    }
    if (STILL_GOING.contains(status)) {
      return new ActionResult(
          ActionResult.Status.SKIPPED,
          runId,
          "waiting: upstream " + upstream + " run " + runId + " is " + status,
          data);
    }
    if ("Succeeded".equals(status)) {
      return new ActionResult(
          ActionResult.Status.SKIPPED,
          runId,
          "upstream " + upstream + " run " + runId + " succeeded; retry the downstream pipeline",
          data);
    }
    throw new ConnectorException(
        PLATFORM,
        "upstream " + upstream + " run " + runId + " is " + status + "; not rerunning it",
        false,
        null,
        null,
        null);
  }

  private JsonNode latestInGroup(FactoryRef factory, String group, JsonNode failed) {
    Instant since = parseTime(failed.path("runStart").asString(null));
    Instant now = clock.instant();
    ObjectNode filter = JsonHttp.JSON.createObjectNode();
    filter.put(
        "lastUpdatedAfter", (since == null ? now.minus(Duration.ofDays(7)) : since).toString());
    filter.put("lastUpdatedBefore", now.plus(Duration.ofHours(1)).toString());
    addFilter(filter, "RunGroupId", group);
    addFilter(filter, "LatestOnly", "true");
    JsonNode runs = authorized("POST", uri(factory, "/queryPipelineRuns", ""), write(filter));
    return newest(runs.path("value"));
  }

  private JsonNode getRun(FactoryRef factory, String runId) {
    return authorized("GET", uri(factory, "/pipelineruns/" + FactoryRef.segment(runId), ""), null);
  }

  private JsonNode authorized(String method, URI uri, String body) {
    try {
      return http.send(method, uri, Map.of("Authorization", "Bearer " + tokens.token()), body);
    } catch (ConnectorException e) {
      if (Integer.valueOf(401).equals(e.httpStatus())) {
        tokens.forget();
      }
      throw e;
    }
  }

  private URI uri(FactoryRef factory, String path, String extraQuery) {
    return URI.create(
        AzureAdTokens.trimSlash(properties.managementUrl())
            + factory.path()
            + path
            + "?api-version="
            + API_VERSION
            + extraQuery);
  }

  private static void addFilter(ObjectNode filter, String operand, String value) {
    ArrayNode filters =
        filter.has("filters") ? (ArrayNode) filter.get("filters") : filter.putArray("filters");
    ObjectNode entry = filters.addObject();
    entry.put("operand", operand);
    entry.put("operator", "Equals");
    entry.putArray("values").add(value);
  }

  /** The run that started last; ADF does not promise any order without orderBy. */
  private static JsonNode newest(JsonNode runs) {
    JsonNode newest = null;
    Instant newestStart = Instant.MIN;
    for (JsonNode run : runs) {
      Instant start = parseTime(run.path("runStart").asString(null));
      Instant key = start == null ? Instant.MIN : start;
      if (newest == null || key.isAfter(newestStart)) {
        newest = run;
        newestStart = key;
      }
    }
    return newest;
  }

  private static Instant parseTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String write(JsonNode node) {
    return JsonHttp.JSON.writeValueAsString(node);
  }
}
