package io.rebound.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Azure CLI commands and Bicep template that wire one data factory's failures to Rebound: an
 * action group whose webhook receiver posts the common alert schema to /webhooks/azure-monitor, two
 * metric alerts (failed pipeline runs, failed activity runs) and a Log Alerts V2 rule on the
 * factory's activity-run log, split by the dimensions Rebound reads.
 *
 * <p>The webhook secret never appears: the commands read it from the shell variable {@value
 * #SECRET_VARIABLE}, which the operator sets from their secret store, and the template takes it as
 * a secure parameter. Azure Monitor cannot send headers, so the secret travels as ?token=.
 */
final class AzureMonitorSetup {

  static final String SECRET_VARIABLE = "REBOUND_WEBHOOK_SECRET";
  static final String ACTION_GROUP = "rebound";

  /** Dimensions of ADF's metrics that Rebound reads (docs/alerts.md). */
  static final Map<String, List<String>> METRIC_DIMENSIONS =
      Map.of(
          "PipelineFailedRuns", List.of("Name", "FailureType"),
          "ActivityFailedRuns", List.of("Name", "PipelineName", "ActivityType", "FailureType"));

  /** Log alerts split by at most six dimensions; these are the columns Rebound decides on. */
  static final List<String> LOG_DIMENSIONS =
      List.of(
          "PipelineName",
          "PipelineRunId",
          "ActivityName",
          "ActivityType",
          "ErrorCode",
          "FailureType");

  static final String LOG_QUERY =
      "ADFActivityRun | where Status == 'Failed' | project TimeGenerated, PipelineName,"
          + " PipelineRunId, ActivityName, ActivityType, ErrorCode, FailureType, ErrorMessage,"
          + " _ResourceId";

  private AzureMonitorSetup() {}

  static Map<String, Object> answer(
      String reboundUrl, String subscription, String resourceGroup, String factory) {
    String factoryId =
        "/subscriptions/"
            + subscription
            + "/resourceGroups/"
            + resourceGroup
            + "/providers/Microsoft.DataFactory/factories/"
            + factory;
    String actionGroupId =
        "/subscriptions/"
            + subscription
            + "/resourceGroups/"
            + resourceGroup
            + "/providers/microsoft.insights/actionGroups/"
            + ACTION_GROUP;
    String webhook = reboundUrl + "/webhooks/azure-monitor?token=$" + SECRET_VARIABLE;
    String group = " --resource-group '" + resourceGroup + "'";

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("webhookUrl", reboundUrl + "/webhooks/azure-monitor?token=<" + SECRET_VARIABLE + ">");
    body.put(
        "secret",
        "Set "
            + SECRET_VARIABLE
            + " to Rebound's azure-monitor webhook secret (REBOUND_WEBHOOKS_AZURE_MONITOR_SECRET)"
            + " before running the commands; it is never part of this answer.");
    body.put(
        "prerequisites",
        List.of(
            "Azure CLI 2.54 or later, signed in (az login) to subscription " + subscription,
            "For the log alert: the factory's diagnostic settings send ActivityRuns to a Log"
                + " Analytics workspace in resource-specific mode (table ADFActivityRun)"));
    body.put(
        "commands",
        List.of(
            "az account set --subscription '" + subscription + "'",
            "az monitor action-group create --name "
                + ACTION_GROUP
                + group
                + " --short-name rebound --action webhook rebound \""
                + webhook
                + "\" usecommonalertschema",
            metricAlert(
                "PipelineFailedRuns",
                "rebound-adf-pipeline-failed-runs",
                group,
                factoryId,
                actionGroupId),
            metricAlert(
                "ActivityFailedRuns",
                "rebound-adf-activity-failed-runs",
                group,
                factoryId,
                actionGroupId),
            "az monitor scheduled-query create --name rebound-adf-failed-activities"
                + group
                + " --scopes '"
                + factoryId
                + "' --condition \"count 'FailedActivities' > 0 where "
                + String.join(" and ", LOG_DIMENSIONS.stream().map(d -> d + " includes *").toList())
                + " at least 1 violations out of 1 aggregated points\""
                + " --condition-query FailedActivities=\""
                + LOG_QUERY
                + "\" --evaluation-frequency 5m --window-size 5m --severity 2"
                + " --action-groups '"
                + actionGroupId
                + "' --description 'Failed ADF activities, sent to Rebound'"));
    body.put("bicep", bicep(reboundUrl, factory));
    body.put(
        "deployBicep",
        "az deployment group create"
            + group
            + " --template-file rebound-azure-monitor.bicep --parameters factoryName='"
            + factory
            + "' webhookSecret=\"$"
            + SECRET_VARIABLE
            + "\"");
    return body;
  }

  private static String metricAlert(
      String metric, String name, String group, String factoryId, String actionGroupId) {
    return "az monitor metrics alert create --name "
        + name
        + group
        + " --scopes '"
        + factoryId
        + "' --condition \"total "
        + metric
        + " > 0 where "
        + String.join(
            " and ", METRIC_DIMENSIONS.get(metric).stream().map(d -> d + " includes *").toList())
        + "\" --window-size 5m --evaluation-frequency 1m --severity 2 --action '"
        + actionGroupId
        + "' --description 'ADF "
        + metric
        + ", sent to Rebound'";
  }

  private static String bicep(String reboundUrl, String factory) {
    StringBuilder b = new StringBuilder();
    b.append("// Rebound: Azure Monitor wiring for data factory ")
        .append(factory)
        .append("\n@description('Name of the data factory to watch')\n")
        .append("param factoryName string = '")
        .append(factory)
        .append("'\n@secure()\n@description('Rebound azure-monitor webhook secret')\n")
        .append("param webhookSecret string\n\n")
        .append("resource factory 'Microsoft.DataFactory/factories@2018-06-01' existing = {\n")
        .append("  name: factoryName\n}\n\n")
        .append("resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {\n")
        .append("  name: '")
        .append(ACTION_GROUP)
        .append("'\n  location: 'Global'\n  properties: {\n    groupShortName: 'rebound'\n")
        .append("    enabled: true\n    webhookReceivers: [\n      {\n        name: 'rebound'\n")
        .append("        serviceUri: '")
        .append(reboundUrl)
        .append("/webhooks/azure-monitor?token=${webhookSecret}'\n")
        .append("        useCommonAlertSchema: true\n      }\n    ]\n  }\n}\n");
    for (String metric : List.of("PipelineFailedRuns", "ActivityFailedRuns")) {
      b.append("\nresource alert")
          .append(metric)
          .append(" 'Microsoft.Insights/metricAlerts@2018-03-01' = {\n  name: 'rebound-adf-")
          .append(metric.startsWith("Pipeline") ? "pipeline" : "activity")
          .append("-failed-runs'\n  location: 'global'\n  properties: {\n    severity: 2\n")
          .append("    enabled: true\n    scopes: [ factory.id ]\n")
          .append("    evaluationFrequency: 'PT1M'\n    windowSize: 'PT5M'\n    criteria: {\n")
          .append(
              "      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'\n")
          .append(
              "      allOf: [\n        {\n          criterionType: 'StaticThresholdCriterion'\n")
          .append("          name: '")
          .append(metric)
          .append("'\n          metricName: '")
          .append(metric)
          .append("'\n          metricNamespace: 'Microsoft.DataFactory/factories'\n")
          .append("          operator: 'GreaterThan'\n          threshold: 0\n")
          .append("          timeAggregation: 'Total'\n          dimensions: [\n");
      for (String d : METRIC_DIMENSIONS.get(metric)) {
        b.append("            { name: '")
            .append(d)
            .append("', operator: 'Include', values: [ '*' ] }\n");
      }
      b.append("          ]\n        }\n      ]\n    }\n")
          .append("    actions: [ { actionGroupId: actionGroup.id } ]\n  }\n}\n");
    }
    b.append(
            "\nresource failedActivities 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {\n")
        .append("  name: 'rebound-adf-failed-activities'\n  location: resourceGroup().location\n")
        .append("  kind: 'LogAlert'\n  properties: {\n    severity: 2\n    enabled: true\n")
        .append("    scopes: [ factory.id ]\n    evaluationFrequency: 'PT5M'\n")
        .append("    windowSize: 'PT5M'\n    criteria: {\n      allOf: [\n        {\n")
        .append("          query: '")
        .append(LOG_QUERY.replace("'", "\\'"))
        .append("'\n          timeAggregation: 'Count'\n          operator: 'GreaterThan'\n")
        .append("          threshold: 0\n          dimensions: [\n");
    for (String d : LOG_DIMENSIONS) {
      b.append("            { name: '")
          .append(d)
          .append("', operator: 'Include', values: [ '*' ] }\n");
    }
    b.append("          ]\n          failingPeriods: {\n")
        .append(
            "            numberOfEvaluationPeriods: 1\n            minFailingPeriodsToAlert: 1\n")
        .append("          }\n        }\n      ]\n    }\n")
        .append("    actions: { actionGroups: [ actionGroup.id ] }\n  }\n}\n");
    return b.toString();
  }
}
