package io.rebound.extract;

import static io.rebound.extract.Payloads.extractor;
import static io.rebound.extract.Payloads.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bodies Rebound cannot read are refused with what was expected and what was found. */
class UnreadablePayloadTest {

  @Test
  void unknownSourceNamesTheAcceptedSources() {
    assertThatThrownBy(() -> extractor().extract("airflow", json("{}")))
        .isInstanceOf(UnreadablePayloadException.class)
        .hasMessageContaining("Unknown webhook source 'airflow'")
        .hasMessageContaining("azure-monitor")
        .hasMessageContaining("databricks")
        .hasMessageContaining("generic");
  }

  @Test
  void azureMonitorAlertWithoutEssentialsAsksForTheCommonSchema() {
    assertThatThrownBy(
            () ->
                extractor()
                    .extract(
                        "azure-monitor",
                        json("{\"schemaId\": \"Microsoft.Insights/activityLogs\", \"data\": {}}")))
        .isInstanceOf(UnreadablePayloadException.class)
        .hasMessage(AzureMonitorAlertReader.NO_ESSENTIALS);
  }

  @Test
  void synapseAlertWithoutEssentialsIsRefusedTheSameWay() {
    assertThatThrownBy(() -> extractor().extract("synapse", json("{\"data\": {\"context\": {}}}")))
        .hasMessageContaining("no data.essentials");
  }

  @Test
  void unknownShapeSaysWhatWasExpectedAndWhichFieldsCame() {
    assertThatThrownBy(
            () -> extractor().extract("databricks", json("{\"foo\": 1, \"bar\": {\"x\": 2}}")))
        .isInstanceOf(UnreadablePayloadException.class)
        .hasMessageContaining("expected a Databricks job notification")
        .hasMessageContaining("fields [foo, bar]");
    assertThatThrownBy(() -> extractor().extract("github", json("{\"zen\": \"Keep it simple\"}")))
        .hasMessageContaining("expected a GitHub workflow_run or workflow_job webhook");
  }

  @Test
  void anArrayOrAScalarIsNotABody() {
    assertThatThrownBy(() -> extractor().extract("gitlab", json("[1, 2]")))
        .isInstanceOf(UnreadablePayloadException.class)
        .hasMessage("Expected a JSON object from gitlab, got array");
    assertThatThrownBy(() -> extractor().extract("gitlab", null))
        .hasMessage("Expected a JSON object from gitlab, got nothing");
  }

  @Test
  void emptyClusterEventsListIsRefused() {
    assertThatThrownBy(() -> extractor().extract("databricks", json("{\"events\": []}")))
        .hasMessageContaining("empty events list");
  }

  @Test
  void adfQueryWithoutRunsIsNotMistakenForARun() {
    assertThatThrownBy(
            () ->
                extractor()
                    .extract("azure-monitor", json("{\"value\": [], \"continuationToken\": null}")))
        .hasMessageContaining("is of no known shape");
  }
}
