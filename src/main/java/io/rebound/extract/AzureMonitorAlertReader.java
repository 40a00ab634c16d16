package io.rebound.extract;

import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Azure Monitor alerts in the common alert schema: metric alerts, Log Alerts V2, legacy log alerts
 * with embedded search results. The platform comes from the alerted resource unless the webhook
 * source fixes it (synapse, azure-functions).
 */
final class AzureMonitorAlertReader implements BodyReader {

  static final String NO_ESSENTIALS =
      "Azure Monitor alert has no data.essentials, no alert properties and no search results:"
          + " expected the common alert schema (enable \"Use common alert schema\" on the action"
          + " group's webhook action)";

  /** ADF's pipeline and activity run status for a run someone cancelled. */
  static final String ADF_CANCELLED = "Cancelled";

  private final Source fixedSource;
  private final Supplier<FieldNames> names;

  /**
   * @param fixedSource the platform every alert on this webhook is about, or null to pick it from
   *     the alerted resource
   * @param names what the columns and properties rule authors named mean
   */
  AzureMonitorAlertReader(Source fixedSource, Supplier<FieldNames> names) {
    this.fixedSource = fixedSource;
    this.names = names;
  }

  @Override
  public boolean recognises(JsonNode body) {
    return body.has("schemaId")
        || body.has("data")
        || body.path("essentials").isObject()
        || body.path("properties").isObject()
        || body.path("context").isObject()
        || !SearchTable.in(body).columns().isEmpty();
  }

  /** One fact per row of embedded search results: each row is its own failure. */
  @Override
  public List<FactBuilder> readAll(JsonNode body) {
    SearchTable table = SearchTable.in(body);
    if (table.rows().size() <= 1) {
      return List.of(read(body, table.row(0)));
    }
    return IntStream.range(0, table.rows().size()).mapToObj(i -> read(body, table.row(i))).toList();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    return readAll(body).get(0);
  }

  private FactBuilder read(JsonNode body, Map<String, JsonNode> row) {
    JsonNode data = body.path("data");
    JsonNode essentials = essentials(body);
    AlertFields fields = AlertFields.of(body, row, names.get());
    if (!essentials.isObject() && fields.isEmpty()) {
      throw new UnreadablePayloadException(NO_ESSENTIALS);
    }
    JsonNode criterion = data.path("alertContext").path("condition").path("allOf").path(0);
    String target = Json.text(essentials.path("alertTargetIDs").path(0));
    Source source = fixedSource != null ? fixedSource : platform(target, fields, criterion);

    FactBuilder fact = new FactBuilder(source);
    readEssentials(fact, essentials, body);
    fact.azureResourceId(target).declaredEnvironment(fields.customProperty("environment", "env"));
    readResource(fact, source, target, fields, criterion);
    readError(fact, fields, essentials, body);
    readCriterion(fact, criterion);
    if (ActivityLogAlert.is(essentials)) {
      ActivityLogAlert.read(fact, essentials, data.path("alertContext"));
    }
    fact.occurredAt(Json.instant(fields.node("TimeGenerated")));
    fact.attribute("resultCount", Json.text(data, "alertContext", "ResultCount"));
    for (Map.Entry<String, JsonNode> property : fields.customProperties().entrySet()) {
      fact.attribute("property." + property.getKey(), Json.text(property.getValue()));
    }
    return fact;
  }

  /**
   * The common schema's essentials; the prior tool also took them at the top level, and the
   * pre-common-schema log alert webhook has its own flat names.
   */
  private static JsonNode essentials(JsonNode body) {
    JsonNode essentials = body.path("data").path("essentials");
    return essentials.isObject() ? essentials : body.path("essentials");
  }

  private static void readEssentials(FactBuilder fact, JsonNode essentials, JsonNode body) {
    String condition = Json.text(essentials, "monitorCondition");
    boolean resolved = "Resolved".equalsIgnoreCase(condition);
    // Scripts and custom payloads that forward alerts leave the condition out: they only forward
    // alerts that fired.
    fact.alertId(Json.text(essentials, "alertId"))
        .alertRule(
            Json.first(
                Json.text(essentials, "alertRule"),
                Json.text(body, "AlertRuleName"),
                Json.text(body, "alertname")))
        .outcome(
            resolved
                ? Outcome.RESOLVED
                : condition == null || "Fired".equalsIgnoreCase(condition)
                    ? Outcome.FAILED
                    : Outcome.UNKNOWN)
        .occurredAt(Json.instant(essentials, resolved ? "resolvedDateTime" : "firedDateTime"))
        .attribute("alertSeverity", Json.text(essentials, "severity"))
        .attribute("alertRule", Json.text(essentials, "alertRule"))
        .attribute("monitorCondition", condition)
        .attribute("signalType", Json.text(essentials, "signalType"))
        .attribute("monitoringService", Json.text(essentials, "monitoringService"))
        .attribute("firedDateTime", Json.text(essentials, "firedDateTime"))
        .attribute("resolvedDateTime", Json.text(essentials, "resolvedDateTime"));
  }

  private static void readResource(
      FactBuilder fact, Source source, String target, AlertFields fields, JsonNode criterion) {
    String armId = Json.first(fields.text("_ResourceId", "ResourceId"), target);
    switch (source) {
      case AZURE_DATA_FACTORY, SYNAPSE -> readPipeline(fact, armId, fields, criterion);
      case AZURE_FUNCTIONS ->
          fact.kind(ResourceKind.FUNCTION)
              .attribute("functionApp", ArmId.name(target, "sites"))
              .attribute("functionName", fields.text("FunctionName", "OperationName"));
      case DATABRICKS -> readDatabricks(fact, target, fields);
      default -> fact.kind(ResourceKind.OTHER);
    }
  }

  private static void readPipeline(
      FactBuilder fact, String armId, AlertFields fields, JsonNode criterion) {
    // ADF metrics use the dimension "Name" for the pipeline (Pipeline* metrics) or the activity
    // (Activity* metrics).
    String metric = Objects.requireNonNullElse(Json.text(criterion, "metricName"), "");
    String name = fields.text("Name");
    fact.factory(
            Json.first(
                ArmId.name(armId, "factories"),
                ArmId.name(armId, "workspaces", "Microsoft.Synapse"),
                fields.text("DataFactoryName", "FactoryName", "WorkspaceName")))
        .pipeline(
            Json.first(fields.text("PipelineName"), metric.startsWith("Pipeline") ? name : null))
        .pipelineRunId(fields.text("PipelineRunId", "RunId"))
        .activity(
            Json.first(fields.text("ActivityName"), metric.startsWith("Activity") ? name : null))
        .activityType(fields.text("ActivityType"));
    fact.kind(
        fact.id("activity") != null
            ? ResourceKind.ACTIVITY_RUN
            : fact.id("pipelineRunId") != null ? ResourceKind.PIPELINE_RUN : ResourceKind.PIPELINE);
  }

  private static void readDatabricks(FactBuilder fact, String target, AlertFields fields) {
    String state = fields.text("State");
    fact.workspace(ArmId.name(target, "workspaces", "Microsoft.Databricks"))
        .clusterId(fields.text("ClusterId"))
        .jobId(fields.text("JobId"))
        .jobName(fields.text("JobName"))
        .runId(fields.text("RunId"))
        .terminationCode(fields.text("TerminationCode"))
        .terminationType(fields.text("TerminationType"))
        .failureType(DatabricksTerms.failureType(fields.text("TerminationType")))
        .attribute("clusterName", fields.text("ClusterName"))
        .attribute("clusterState", state);
    if (state != null && "RUNNING".equalsIgnoreCase(state.trim())) {
      // a row about a cluster that is up again is the healthy end state, not a failure
      fact.outcome(Outcome.SUCCEEDED);
    }
    fact.kind(
        fact.id("runId") != null
            ? ResourceKind.JOB_RUN
            : fact.id("clusterId") != null ? ResourceKind.CLUSTER : ResourceKind.OTHER);
  }

  private static void readError(
      FactBuilder fact, AlertFields fields, JsonNode essentials, JsonNode body) {
    JsonNode error = fields.node("Error");
    List<String> messages =
        Stream.of(
                Json.text(error, "message"),
                fields.text("ErrorMessage"),
                fields.text("detailedMessage"),
                fields.text("message"),
                fields.text("Response"),
                Json.text(essentials, "description"),
                Json.text(body, "Description"))
            .filter(Objects::nonNull)
            .toList();
    // The most specific message is the one that carries a connector code, wherever it is: a
    // Logic App may put "Operation on target X failed" in ErrorMessage and the real error in
    // Error.message or the description.
    String withCode =
        messages.stream().filter(m -> AdfErrors.connectorCode(m) != null).findFirst().orElse(null);
    fact.message(Json.first(withCode, messages.isEmpty() ? null : messages.get(0)));
    if (fact.source() == Source.DATABRICKS) {
      // a job-runs table's error code column holds the run's termination code
      fact.runTerminationCode(fields.text("ErrorCode"));
      return;
    }
    AdfErrors.applyErrorCode(fact, Json.text(error, "errorCode"));
    AdfErrors.applyErrorCode(fact, fields.text("ErrorCode"));
    AdfErrors.applyMessage(fact, fact.message());
    FailureType failureType =
        AdfErrors.failureType(
            Json.first(fields.text("FailureType"), Json.text(error, "failureType")));
    fact.failureType(failureType);
    if (failureType == FailureType.SYSTEM_ERROR
        && fact.message() == null
        && fact.code("activityCode") == null
        && fact.code("connectorCode") == null) {
      // ADF's own verdict is then the only code there is: its side failed, not the pipeline's
      fact.platformCode(AdfErrors.SYSTEM_ERROR);
    }
  }

  private static void readCriterion(FactBuilder fact, JsonNode criterion) {
    String metric = Objects.requireNonNullElse(Json.text(criterion, "metricName"), "");
    if (metric.endsWith("SucceededRuns")) {
      // an alert on successful runs (a volume check) reports work that succeeded
      fact.outcome(Outcome.SUCCEEDED);
    } else if (metric.endsWith("CancelledRuns")) {
      // the runs it counts ended in ADF's run status Cancelled: someone stopped them on purpose
      fact.resultState(ADF_CANCELLED);
    }
    fact.attribute("metricName", Json.text(criterion, "metricName"))
        .attribute("metricValue", Json.text(criterion, "metricValue"))
        .attribute("threshold", Json.text(criterion, "threshold"))
        .attribute("operator", Json.text(criterion, "operator"));
  }

  /**
   * Which platform an alert is about. A log alert targets the Log Analytics workspace, not the
   * factory, so for those the query columns decide: ADF's ADFActivityRun/ADFPipelineRun tables
   * carry PipelineName, Synapse's tables are named Synapse*.
   */
  static Source platform(String target, AlertFields fields, JsonNode criterion) {
    String resources =
        Stream.of(
                target,
                fields.text("_ResourceId", "ResourceId"),
                Json.text(criterion, "metricNamespace"))
            .filter(Objects::nonNull)
            .collect(Collectors.joining(" "))
            .toLowerCase(Locale.ROOT);
    if (resources.contains("microsoft.datafactory")) {
      return Source.AZURE_DATA_FACTORY;
    }
    if (resources.contains("microsoft.synapse")) {
      return Source.SYNAPSE;
    }
    if (resources.contains("microsoft.web/sites")) {
      return Source.AZURE_FUNCTIONS;
    }
    if (resources.contains("microsoft.databricks")) {
      return Source.DATABRICKS;
    }
    boolean pipelineColumns = fields.text("PipelineName", "PipelineRunId", "ActivityName") != null;
    if (!pipelineColumns
        && fields.text("ClusterId", "TerminationCode", "JobId", "RunId", "JobName") != null) {
      return Source.DATABRICKS;
    }
    if (pipelineColumns) {
      String query = Objects.requireNonNullElse(Json.text(criterion, "searchQuery"), "");
      return query.toLowerCase(Locale.ROOT).contains("synapse")
          ? Source.SYNAPSE
          : Source.AZURE_DATA_FACTORY;
    }
    return Source.GENERIC;
  }
}
