package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Azure Monitor alerts in the common alert schema: metric alerts, Log Alerts V2, legacy log alerts
 * with embedded search results. The platform comes from the alerted resource unless the webhook
 * source fixes it (synapse, azure-functions).
 */
final class AzureMonitorAlertReader implements BodyReader {

  static final String NO_ESSENTIALS =
      "Azure Monitor alert has no data.essentials: expected the common alert schema"
          + " (enable \"Use common alert schema\" on the action group's webhook action)";

  private final Source fixedSource;

  /**
   * @param fixedSource the platform every alert on this webhook is about, or null to pick it from
   *     the alerted resource
   */
  AzureMonitorAlertReader(Source fixedSource) {
    this.fixedSource = fixedSource;
  }

  @Override
  public boolean recognises(JsonNode body) {
    return body.has("schemaId") || body.has("data");
  }

  @Override
  public FactBuilder read(JsonNode body) {
    JsonNode data = body.path("data");
    JsonNode essentials = data.path("essentials");
    if (!essentials.isObject()) {
      throw new UnreadablePayloadException(NO_ESSENTIALS);
    }
    AlertFields fields = AlertFields.of(data);
    JsonNode criterion = data.path("alertContext").path("condition").path("allOf").path(0);
    String target = Json.text(essentials.path("alertTargetIDs").path(0));
    Source source = fixedSource != null ? fixedSource : platform(target, fields, criterion);

    FactBuilder fact = new FactBuilder(source);
    readEssentials(fact, essentials);
    fact.azureResourceId(target).declaredEnvironment(fields.customProperty("environment", "env"));
    readResource(fact, source, target, fields, criterion);
    readError(fact, fields, essentials);
    readCriterion(fact, criterion);
    fact.attribute("resultCount", Json.text(data, "alertContext", "ResultCount"));
    for (Map.Entry<String, JsonNode> property : fields.customProperties().entrySet()) {
      fact.attribute("property." + property.getKey(), Json.text(property.getValue()));
    }
    return fact;
  }

  private static void readEssentials(FactBuilder fact, JsonNode essentials) {
    String condition = Json.text(essentials, "monitorCondition");
    boolean resolved = "Resolved".equalsIgnoreCase(condition);
    fact.alertId(Json.text(essentials, "alertId"))
        .alertRule(Json.text(essentials, "alertRule"))
        .outcome(
            resolved
                ? Outcome.RESOLVED
                : "Fired".equalsIgnoreCase(condition) ? Outcome.FAILED : Outcome.UNKNOWN)
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
    fact.workspace(ArmId.name(target, "workspaces", "Microsoft.Databricks"))
        .clusterId(fields.text("ClusterId"))
        .jobId(fields.text("JobId"))
        .jobName(fields.text("JobName"))
        .runId(fields.text("RunId"));
    fact.kind(
        fact.id("runId") != null
            ? ResourceKind.JOB_RUN
            : fact.id("clusterId") != null ? ResourceKind.CLUSTER : ResourceKind.OTHER);
  }

  private static void readError(FactBuilder fact, AlertFields fields, JsonNode essentials) {
    JsonNode error = fields.node("Error");
    fact.message(
        Json.text(error, "message"),
        fields.text("ErrorMessage"),
        fields.text("detailedMessage"),
        fields.text("message"),
        Json.text(essentials, "description"));
    AdfErrors.applyErrorCode(fact, Json.text(error, "errorCode"));
    AdfErrors.applyErrorCode(fact, fields.text("ErrorCode"));
    AdfErrors.applyMessage(fact, fact.message());
    fact.failureType(
        AdfErrors.failureType(
            Json.first(fields.text("FailureType"), Json.text(error, "failureType"))));
  }

  private static void readCriterion(FactBuilder fact, JsonNode criterion) {
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
    if (fields.text("PipelineName") != null) {
      String query = Objects.requireNonNullElse(Json.text(criterion, "searchQuery"), "");
      return query.toLowerCase(Locale.ROOT).contains("synapse")
          ? Source.SYNAPSE
          : Source.AZURE_DATA_FACTORY;
    }
    return Source.GENERIC;
  }
}
