package io.rebound.extract;

import static io.rebound.extract.Payloads.extractor;
import static io.rebound.extract.Payloads.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alert shapes with no shared sample: legacy search results, other target resources. */
class AzureMonitorShapesTest {

  private static String alert(String target, String alertContext) {
    return """
        {"schemaId": "azureMonitorCommonAlertSchema",
         "data": {"essentials": {"alertId": "/alerts/1", "alertRule": "rule", "severity": "Sev1",
                                 "monitorCondition": "Fired",
                                 "firedDateTime": "2025-03-14T02:17:41Z",
                                 "alertTargetIDs": ["%s"], "description": "rule description"},
                  "alertContext": %s}}
        """
        .formatted(target, alertContext);
  }

  @Test
  void legacyLogAlertReadsTheFirstSearchResultRow() {
    String context =
        """
        {"SearchQuery": "ADFActivityRun | where Status == 'Failed'", "ResultCount": 2,
         "SearchResults": {"tables": [{"name": "PrimaryResult",
           "columns": [{"name": "PipelineName"}, {"name": "ActivityName"}, {"name": "ErrorCode"},
                       {"name": "ErrorMessage"}, {"name": "FailureType"}],
           "rows": [["pl_a", "Copy_A", "2200",
                     "ErrorCode=SqlOperationFailed,'Type=...,Message=Timeout'", "SystemError"],
                    ["pl_b", "Copy_B", "2108", "other", "UserError"]]}]}}
        """;
    FailureFact fact =
        extractor()
            .extract(
                "azure-monitor",
                json(
                    alert(
                        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law",
                        context)));

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.resource().pipeline()).isEqualTo("pl_a");
    assertThat(fact.resource().activity()).isEqualTo("Copy_A");
    assertThat(fact.codes().activityCode()).isEqualTo("2200");
    assertThat(fact.codes().connectorCode()).isEqualTo("SqlOperationFailed");
    assertThat(fact.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
    assertThat(fact.attributes()).containsEntry("resultCount", "2");
  }

  private static FailureFact alertAbout(String target) {
    return extractor().extract("azure-monitor", json(alert(target, "{}")));
  }

  @ParameterizedTest
  @CsvSource({
    "/subscriptions/s/providers/Microsoft.DataFactory/factories/adf-x, AZURE_DATA_FACTORY, PIPELINE",
    "/subscriptions/s/providers/Microsoft.Synapse/workspaces/syn-prod, SYNAPSE, PIPELINE",
    "/subscriptions/s/providers/Microsoft.Web/sites/func-orders, AZURE_FUNCTIONS, FUNCTION",
    "/subscriptions/s/providers/Microsoft.Databricks/workspaces/dbw, DATABRICKS, OTHER",
    "/subscriptions/s/providers/Microsoft.Compute/virtualMachines/vm, GENERIC, OTHER"
  })
  void targetResourcePicksThePlatform(String target, Source source, ResourceKind kind) {
    FailureFact fact = alertAbout(target);

    assertThat(fact.source()).isEqualTo(source);
    assertThat(fact.resourceKind()).isEqualTo(kind);
  }

  @Test
  void namesComeFromTheTargetResource() {
    assertThat(alertAbout("/s/providers/Microsoft.Web/sites/func-orders").attributes())
        .containsEntry("functionApp", "func-orders");
    assertThat(
            alertAbout("/s/providers/Microsoft.Synapse/workspaces/syn-prod").resource().factory())
        .isEqualTo("syn-prod");
    assertThat(
            alertAbout("/s/providers/Microsoft.Databricks/workspaces/dbw").resource().workspace())
        .isEqualTo("dbw");
  }

  @Test
  void synapseAndFunctionsSourcesFixThePlatformWhateverTheTarget() {
    String body = alert("/subscriptions/s/providers/Microsoft.Compute/virtualMachines/vm", "{}");

    assertThat(extractor().extract("synapse", json(body)).source()).isEqualTo(Source.SYNAPSE);
    assertThat(extractor().extract("azure-functions", json(body)).source())
        .isEqualTo(Source.AZURE_FUNCTIONS);
  }

  @Test
  void customPropertiesAreReadFromDataCustomPropertiesToo() {
    String body =
        """
        {"schemaId": "azureMonitorCommonAlertSchema",
         "data": {"essentials": {"monitorCondition": "Fired",
                                 "alertTargetIDs": ["/providers/Microsoft.DataFactory/factories/adf-x"]},
                  "alertContext": {"properties": null},
                  "customProperties": {"Environment": "staging", "ErrorMessage": "custom text"}}}
        """;
    FailureFact fact = extractor().extract("azure-monitor", json(body));

    assertThat(fact.errorMessage()).isEqualTo("custom text");
    assertThat(fact.environment().id()).isEqualTo("staging");
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
  }
}
