package io.rebound.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.LoopbackHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The setup helpers over real HTTP: commands for the given factory, no secret, clear 400s. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:setup-helpers;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=viewer:viewer-token,operator:operator-token",
      "rebound.security.generated-secrets-file=target/setup-test-generated-secrets.properties",
      "rebound.webhooks.azure-monitor.secret=azm-Secret-4f9c",
      "rebound.webhooks.databricks.secret=dbx-Secret-81ad",
      "rebound.setup.public-url=https://rebound.contoso.com/",
      "rebound.databricks.watch.cluster-ids=1234-567890-reef123,0923-164208-meows279"
    })
class SetupIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SUBSCRIPTION = "5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47";
  private static final String FACTORY_ID =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/rg-dataplatform-prod/providers/Microsoft.DataFactory/factories/"
          + "adf-contoso-prod";
  private static final String QUERY =
      "?subscription="
          + SUBSCRIPTION
          + "&resourceGroup=rg-dataplatform-prod&factory=adf-contoso-prod";

  @LocalServerPort int port;

  private HttpResponse<String> get(String path, String token) throws Exception {
    return new LoopbackHttp(port).get(path, token);
  }

  @Test
  void azureMonitorCommandsWireTheFactoryToThisReboundWithoutTheSecret() throws Exception {
    HttpResponse<String> answer = get("/api/setup/azure-monitor" + QUERY, "operator-token");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("azm-Secret-4f9c").doesNotContain("dbx-Secret-81ad");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("webhookUrl").asString())
        .isEqualTo(
            "https://rebound.contoso.com/webhooks/azure-monitor?token=<REBOUND_WEBHOOK_SECRET>");
    assertThat(body.path("commands")).hasSize(5);
    assertThat(body.path("commands").get(1).asString())
        .isEqualTo(
            "az monitor action-group create --name rebound --resource-group 'rg-dataplatform-prod'"
                + " --short-name rebound --action webhook rebound"
                + " \"https://rebound.contoso.com/webhooks/azure-monitor?token=$REBOUND_WEBHOOK_SECRET\""
                + " usecommonalertschema");
    assertThat(body.path("commands").get(2).asString())
        .startsWith("az monitor metrics alert create --name rebound-adf-pipeline-failed-runs")
        .contains("--scopes '" + FACTORY_ID + "'")
        .contains(
            "--condition \"total PipelineFailedRuns > 0 where Name includes * and FailureType"
                + " includes *\"")
        .contains("/providers/microsoft.insights/actionGroups/rebound'");
    assertThat(body.path("commands").get(3).asString())
        .contains(
            "total ActivityFailedRuns > 0 where Name includes * and PipelineName includes * and"
                + " ActivityType includes * and FailureType includes *");
    assertThat(body.path("commands").get(4).asString())
        .startsWith("az monitor scheduled-query create --name rebound-adf-failed-activities")
        .contains(
            "--condition \"count 'FailedActivities' > 0 where PipelineName includes * and"
                + " PipelineRunId includes * and ActivityName includes * and ActivityType"
                + " includes * and ErrorCode includes * and FailureType includes * at least 1"
                + " violations out of 1 aggregated points\"")
        .contains("--condition-query FailedActivities=\"ADFActivityRun | where Status == 'Failed'");
    assertThat(body.path("bicep").asString())
        .contains("@secure()")
        .contains(
            "serviceUri: 'https://rebound.contoso.com/webhooks/azure-monitor?token=${webhookSecret}'")
        .contains("useCommonAlertSchema: true")
        .contains("metricName: 'PipelineFailedRuns'")
        .contains("metricName: 'ActivityFailedRuns'")
        .contains("kind: 'LogAlert'");
    assertThat(body.path("deployBicep").asString())
        .contains("webhookSecret=\"$REBOUND_WEBHOOK_SECRET\"");
  }

  @Test
  void databricksBodiesUseTheRestShapesAndNameTheWatchedClusters() throws Exception {
    HttpResponse<String> answer = get("/api/setup/databricks", "operator-token");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("dbx-Secret-81ad");
    JsonNode body = JSON.readTree(answer.body());
    JsonNode destination = body.path("notificationDestination");
    assertThat(destination.path("path").asString()).isEqualTo("/api/2.0/notification-destinations");
    assertThat(destination.path("body").path("display_name").asString()).isEqualTo("Rebound");
    assertThat(
            destination.path("body").path("config").path("generic_webhook").path("url").asString())
        .isEqualTo(
            "https://rebound.contoso.com/webhooks/databricks?token=<REBOUND_WEBHOOKS_DATABRICKS_SECRET>");
    JsonNode job = body.path("jobNotification");
    assertThat(job.path("path").asString()).isEqualTo("/api/2.1/jobs/update");
    assertThat(
            job.path("body")
                .path("new_settings")
                .path("webhook_notifications")
                .path("on_failure")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo("<DESTINATION_ID>");
    assertThat(body.path("watchedClusters").valueStream().map(JsonNode::asString))
        .containsExactly("1234-567890-reef123", "0923-164208-meows279");
  }

  @Test
  void missingOrMalformedParametersAreA400NamingTheParameter() throws Exception {
    for (String[] c :
        new String[][] {
          {"?resourceGroup=rg&factory=adf-contoso-prod", "'subscription' is missing"},
          {
            "?subscription=not-a-guid&resourceGroup=rg&factory=adf-contoso-prod",
            "'subscription' is not valid"
          },
          {
            "?subscription=" + SUBSCRIPTION + "&resourceGroup=rg%27%3Brm&factory=adf-contoso-prod",
            "'resourceGroup' is not valid"
          },
          {"?subscription=" + SUBSCRIPTION + "&resourceGroup=rg", "'factory' is missing"},
        }) {
      HttpResponse<String> answer = get("/api/setup/azure-monitor" + c[0], "operator-token");
      assertThat(answer.statusCode()).as(c[0]).isEqualTo(400);
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.path("error").asString()).isEqualTo("bad_request");
      assertThat(body.path("detail").asString()).as(c[0]).contains(c[1]);
    }
  }

  @Test
  void viewersMayNotReadTheSetupHelpers() throws Exception {
    assertThat(get("/api/setup/azure-monitor" + QUERY, "viewer-token").statusCode()).isEqualTo(403);
    assertThat(get("/api/setup/databricks", "viewer-token").statusCode()).isEqualTo(403);
  }
}
