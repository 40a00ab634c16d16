package io.rebound.extract;

import static io.rebound.extract.Payloads.extract;
import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Azure Monitor alerts and ADF REST bodies from src/test/resources/shared/payloads/azure-monitor.
 */
class AzureMonitorPayloadsTest {

  @Test
  void metricAlertOnPipelineFailedRunsNamesThePipelineButNoRun() {
    FailureFact fact =
        extract("azure-monitor", "azure-monitor/adf_metric_alert_pipeline_failed_runs.json");

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.PIPELINE);
    assertThat(fact.resource().factory()).isEqualTo("adf-contoso-prod");
    assertThat(fact.resource().pipeline()).isEqualTo("pl_ingest_sales_daily");
    assertThat(fact.resource().pipelineRunId()).isNull();
    assertThat(fact.resource().alertRule()).isEqualTo("adf-contoso-prod-pipeline-failed");
    assertThat(fact.resource().alertId()).endsWith("6a1f3c2e-9b8d-4e7f-a5c4-3d2e1f0a9b8c");
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
    assertThat(fact.errorMessage()).isEqualTo("Fires when any ADF pipeline run fails");
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2025-03-14T02:17:41.6135409Z"));
    assertThat(fact.attributes())
        .containsEntry("alertSeverity", "Sev2")
        .containsEntry("monitorCondition", "Fired")
        .containsEntry("metricName", "PipelineFailedRuns");
  }

  @Test
  void resolvedMetricAlertIsTheSameAlertInstanceResolved() {
    FailureFact fired =
        extract("azure-monitor", "azure-monitor/adf_metric_alert_pipeline_failed_runs.json");
    FailureFact resolved =
        extract(
            "azure-monitor", "azure-monitor/adf_metric_alert_pipeline_failed_runs_resolved.json");

    assertThat(resolved.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(resolved.resource().alertId()).isEqualTo(fired.resource().alertId());
    assertThat(resolved.occurredAt()).isEqualTo(Instant.parse("2025-03-14T02:32:44.2246313Z"));
  }

  @Test
  void logAlertV2CopyFailureCarriesRunActivityAndActivityCode() {
    FailureFact fact =
        extract("azure-monitor", "azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json");

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.ACTIVITY_RUN);
    assertThat(fact.resource().pipeline()).isEqualTo("pl_ingest_sales_daily");
    assertThat(fact.resource().pipelineRunId()).isEqualTo("8d1f6a3e-52c4-4b0e-9a7d-3c2b1e0f9a84");
    assertThat(fact.resource().activity()).isEqualTo("Copy_Blob_To_Sql");
    assertThat(fact.resource().activityType()).isEqualTo("Copy");
    assertThat(fact.resource().azureResourceId()).contains("workspaces/law-dataplatform-prod");
    assertThat(fact.codes().activityCode()).isEqualTo("2200");
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
  }

  @Test
  void webActivityGatewayTimeoutBecomesHttp504WithTheFullMessage() {
    FailureFact fact =
        extract("azure-monitor", "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json");

    assertThat(fact.codes().activityCode()).isEqualTo("2108");
    assertThat(fact.codes().httpStatus()).isEqualTo(504);
    assertThat(fact.errorMessage())
        .isEqualTo(
            "Error calling the endpoint 'https://partner-api.contoso.com/v2/orders/export'."
                + " Response status code: 'GatewayTimeout'");
    assertThat(fact.resource().activityType()).isEqualTo("WebActivity");
    assertThat(fact.attributes())
        .containsEntry("property.PipelineRunId", "3e9a7c51-0b2d-4f68-8a1e-5d4c3b2a1f0e");
  }

  @Test
  void databricksNotebookActivityFailureIsAnAdfFact() {
    FailureFact fact =
        extract(
            "azure-monitor",
            "azure-monitor/adf_log_alert_v2_databricks_3203_cluster_terminated.json");

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.codes().activityCode()).isEqualTo("3203");
    assertThat(fact.resource().activityType()).isEqualTo("DatabricksNotebook");
    assertThat(fact.resource().pipeline()).isEqualTo("pl_transform_orders");
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2025-03-14T03:05:44.8812061Z"));
  }

  @Test
  void verbatimMetricSampleAboutAVirtualMachineIsGenericAndResolved() {
    FailureFact fact =
        extract("azure-monitor", "azure-monitor/azmon_common_schema_metric_sample_verbatim.json");

    assertThat(fact.source()).isEqualTo(Source.GENERIC);
    assertThat(fact.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.OTHER);
    assertThat(fact.resource().alertRule()).isEqualTo("WCUS-R2-Gen2");
    assertThat(fact.attributes()).containsEntry("alertSeverity", "Sev3");
  }

  @Test
  void verbatimLogAlertV2SampleKeepsRuleCustomProperties() {
    FailureFact fact =
        extract("azure-monitor", "azure-monitor/azmon_log_alert_v2_sample_verbatim.json");

    assertThat(fact.source()).isEqualTo(Source.GENERIC);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.errorMessage()).isEqualTo("log alert rule V2");
    assertThat(fact.attributes())
        .containsEntry("property.name1", "value1")
        .containsEntry("alertSeverity", "Sev4");
  }

  @Test
  void priorToolAlertPrefersTheErrorObjectMessageAndKeepsTheConnectorCode() {
    FailureFact fact =
        extract("azure-monitor", "prior-tool/02_adf_common_schema_alertcontext_properties.json");

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.resource().factory()).isEqualTo("your-adf");
    assertThat(fact.resource().pipeline()).isEqualTo("Copy_Data_Pipeline");
    assertThat(fact.resource().pipelineRunId()).isEqualTo("abc123-def456-789");
    assertThat(fact.resource().activity()).isEqualTo("CopyActivity1");
    assertThat(fact.errorMessage()).isEqualTo("The specified blob does not exist.");
    assertThat(fact.codes().connectorCode()).isEqualTo("UserErrorSourceBlobNotExists");
    assertThat(fact.codes().activityCode()).isNull();
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
  }

  @Test
  void pipelineRunGetReadsTheConnectorCodeOutOfTheMessage() {
    FailureFact fact = extract("azure-monitor", "azure-monitor/adf_pipeline_run_get_failed.json");

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.PIPELINE_RUN);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().pipelineRunId()).isEqualTo("8d1f6a3e-52c4-4b0e-9a7d-3c2b1e0f9a84");
    assertThat(fact.codes().connectorCode()).isEqualTo("UserErrorSourceBlobNotExist");
    assertThat(fact.errorMessage()).startsWith("Operation on target Copy_Blob_To_Sql failed");
    assertThat(fact.attributes())
        .containsEntry("failedActivity", "Copy_Blob_To_Sql")
        .containsEntry("invokedByType", "ScheduleTrigger");
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2025-03-14T02:15:01.4407317Z"));
  }

  @Test
  void queryPipelineRunsReadsTheSameRunAsRunGet() {
    FailureFact fromQuery =
        extract("azure-monitor", "azure-monitor/adf_pipeline_runs_query_failed.json");
    FailureFact fromGet =
        extract("azure-monitor", "azure-monitor/adf_pipeline_run_get_failed.json");

    assertThat(fromQuery).isEqualTo(fromGet);
  }

  @Test
  void queryActivityRunsPicksTheFailedActivityNotTheSucceededLookup() {
    FailureFact fact =
        extract(
            "azure-monitor",
            "azure-monitor/adf_activity_runs_query_failed_copy_blob_not_exist.json");

    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.ACTIVITY_RUN);
    assertThat(fact.resource().activity()).isEqualTo("Copy_Blob_To_Sql");
    assertThat(fact.codes().activityCode()).isEqualTo("2200");
    assertThat(fact.codes().connectorCode()).isEqualTo("UserErrorSourceBlobNotExist");
    assertThat(fact.errorMessage()).contains("The required Blob is missing. ContainerName: raw");
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
    assertThat(fact.attributes())
        .containsEntry("activityRunId", "c7e9a1b3-5d7f-4b9d-8f1b-3d5f7b9d1f3a");
  }
}
