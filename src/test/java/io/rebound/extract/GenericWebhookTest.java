package io.rebound.extract;

import static io.rebound.extract.Payloads.extractor;
import static io.rebound.extract.Payloads.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The hand-posted shape of docs/generic-webhook.md. */
class GenericWebhookTest {

  @Test
  void fullBodyIsReadIntoEveryField() {
    String body =
        """
        {"source": "azure-data-factory", "environment": "staging", "status": "failed",
         "resourceKind": "activity_run",
         "resource": {"factory": "adf-x", "pipeline": "pl_a", "pipelineRunId": "r-1",
                      "activity": "Copy_A"},
         "errorCode": "UserErrorSourceBlobNotExists", "httpStatus": 404,
         "codes": {"activityCode": "2200"},
         "errorMessage": "The required Blob is missing.", "failureType": "UserError",
         "occurredAt": "2025-03-14T02:17:41Z", "attributes": {"ticket": "INC-1", "retries": 2}}
        """;
    FailureFact fact = extractor().extract("generic", json(body));

    assertThat(fact.source()).isEqualTo(Source.AZURE_DATA_FACTORY);
    assertThat(fact.environment()).isEqualTo(Environment.STAGING);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.ACTIVITY_RUN);
    assertThat(fact.resource().factory()).isEqualTo("adf-x");
    assertThat(fact.resource().activity()).isEqualTo("Copy_A");
    assertThat(fact.codes().platformCode()).isEqualTo("UserErrorSourceBlobNotExists");
    assertThat(fact.codes().activityCode()).isEqualTo("2200");
    assertThat(fact.codes().httpStatus()).isEqualTo(404);
    assertThat(fact.errorMessage()).isEqualTo("The required Blob is missing.");
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2025-03-14T02:17:41Z"));
    assertThat(fact.attributes()).containsEntry("ticket", "INC-1").containsEntry("retries", "2");
  }

  @Test
  void minimalBodyIsAGenericFailure() {
    FailureFact fact =
        extractor()
            .extract("generic", json("{\"status\": \"failed\", \"errorMessage\": \"boom\"}"));

    assertThat(fact.source()).isEqualTo(Source.GENERIC);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.OTHER);
    assertThat(fact.environment()).isEqualTo(Environment.PRODUCTION);
  }

  @Test
  void resolvedNeedsNoMessage() {
    assertThat(extractor().extract("generic", json("{\"status\": \"resolved\"}")).outcome())
        .isEqualTo(Outcome.RESOLVED);
  }

  @Test
  void mistakesAreNamed() {
    assertUnreadable("{\"errorMessage\": \"x\"}", "\"status\" is missing");
    assertUnreadable("{\"status\": \"broken\"}", "\"status\" is \"broken\"; use one of failed");
    assertUnreadable("{\"status\": \"failed\"}", "\"errorMessage\" is missing");
    assertUnreadable(
        "{\"status\": \"resolved\", \"resource\": {\"pipline\": \"x\"}}",
        "\"resource.pipline\" is not a known field; use alertId, alertRule");
    assertUnreadable(
        "{\"status\": \"resolved\", \"source\": \"airflow\"}",
        "\"source\" \"airflow\" is not a platform Rebound knows");
    assertUnreadable(
        "{\"status\": \"resolved\", \"httpStatus\": \"teapot\"}",
        "\"httpStatus\" must be a number");
    assertUnreadable(
        "{\"status\": \"resolved\", \"occurredAt\": \"yesterday\"}",
        "\"occurredAt\" \"yesterday\" is not a time");
    assertUnreadable(
        "{\"status\": \"resolved\", \"resourceKind\": \"vm\"}",
        "\"resourceKind\" \"vm\" is not known");
  }

  private static void assertUnreadable(String body, String fragment) {
    assertThatThrownBy(() -> extractor().extract("generic", json(body)))
        .isInstanceOf(UnreadablePayloadException.class)
        .hasMessageContaining(fragment)
        .hasMessageContaining("docs/generic-webhook.md");
  }

  @Test
  void theDocumentedExampleIsReadable() throws Exception {
    String doc = Files.readString(Path.of("docs", "generic-webhook.md"));
    String example =
        doc.substring(doc.indexOf("```json") + 7, doc.indexOf("```", doc.indexOf("```json") + 7));
    FailureFact fact = extractor().extract("generic", json(example));

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.errorMessage()).isNotBlank();
  }

  @Test
  void schemaListsExactlyTheFieldsTheReaderAccepts() throws Exception {
    JsonNode schema =
        Payloads.parse(
            Path.of("src", "main", "resources", "schemas", "generic-webhook.schema.json"));

    assertThat(schema.path("properties").propertyNames())
        .containsExactlyInAnyOrder(
            "source",
            "environment",
            "status",
            "resourceKind",
            "resource",
            "errorCode",
            "httpStatus",
            "codes",
            "errorMessage",
            "failureType",
            "occurredAt",
            "attributes");
    assertThat(schema.path("properties").path("status").path("enum").values())
        .map(JsonNode::asString)
        .containsExactlyElementsOf(GenericReader.STATUSES);
    assertThat(schema.path("properties").path("resource").path("properties").propertyNames())
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(io.rebound.failure.ResourceIds.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList());
  }
}
