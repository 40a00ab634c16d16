package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AdfClientTest {

  private static final String TENANT = "9e2f4c71-3b6a-4d58-a1c0-7f5e8d2b6c34";
  private static final String FACTORY =
      "/subscriptions/5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47/resourceGroups/rg-dataplatform-prod"
          + "/providers/Microsoft.DataFactory/factories/adf-contoso-prod";
  private static final String FAILED_RUN = "8d1f6a3e-52c4-4b0e-9a7d-3c2b1e0f9a84";
  private static final String PIPELINE = "pl_ingest_sales_daily";
  private static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
  private static final String QUERY = FACTORY + "/queryPipelineRuns";
  private static final String CREATE_RUN = FACTORY + "/pipelines/" + PIPELINE + "/createRun";

  private final WireMockServer wireMock = StandInAuthority.server();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-14T02:30:00Z"));
  private AdfClient adf;

  @BeforeEach
  void start() {
    wireMock.start();
    adf =
        clientWithFactoryDefaults(
            "5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47", "rg-dataplatform-prod", "adf-contoso-prod");
    wireMock.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(
                okJson(
                    Payloads.entry("azure-monitor/aad_token_responses_verbatim.json", "success"))));
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  private AdfClient clientWithFactoryDefaults(String subscription, String group, String factory) {
    return new AdfClient(
        new AdfProperties(
            "http://127.0.0.1:" + wireMock.port(),
            StandInAuthority.authorityHost(wireMock),
            TENANT,
            "535fb089-9ff3-47b6-9bfb-4f1264799865",
            "s3cret~value",
            subscription,
            group,
            factory,
            AdfProperties.Credential.CLIENT_SECRET,
            null,
            StandInAuthority.CERTIFICATE),
        new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
        clock);
  }

  private static ActionRequest retryPipeline() {
    return new ActionRequest(
        "retry_pipeline",
        Map.of("pipeline", PIPELINE, "pipelineRunId", FAILED_RUN),
        Map.of(),
        "incident-7/step-1/attempt-1");
  }

  private static String failedRun() {
    return Payloads.text("azure-monitor/adf_pipeline_run_get_failed.json");
  }

  private static String run(Consumer<ObjectNode> change) {
    ObjectNode node = (ObjectNode) Payloads.json("azure-monitor/adf_pipeline_run_get_failed.json");
    change.accept(node);
    return Payloads.JSON.writeValueAsString(node);
  }

  private static String runs(String... runs) {
    return "{\"value\":[" + String.join(",", runs) + "]}";
  }

  private void stubFailedRunAndCreateRun() {
    wireMock.stubFor(
        get(urlPathEqualTo(FACTORY + "/pipelineruns/" + FAILED_RUN))
            .willReturn(okJson(failedRun())));
    wireMock.stubFor(
        post(urlPathEqualTo(CREATE_RUN))
            .willReturn(
                okJson(
                    Payloads.entry(
                        "azure-monitor/adf_rest_exchanges.json",
                        "create_run_rerun_from_failed_activity",
                        "response",
                        "body"))));
  }

  @Test
  void retryPipelineRerunsFromTheFailedActivityWithABearerToken() {
    stubFailedRunAndCreateRun();
    wireMock.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(
                okJson(Payloads.text("azure-monitor/adf_pipeline_runs_query_failed.json"))));

    ActionResult result = adf.perform(retryPipeline());

    assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
    assertThat(result.reference()).isEqualTo("e4a6c8e0-2b4d-4f6a-8c0e-2a4c6e8a0c2e");
    assertThat(result.data()).containsEntry("reused", "false");
    wireMock.verify(
        postRequestedFor(urlPathEqualTo(QUERY))
            .withQueryParam("api-version", equalTo("2018-06-01"))
            .withRequestBody(
                matchingJsonPath(
                    "$.filters[?(@.operand == 'RunGroupId')].values[0]", equalTo(FAILED_RUN)))
            .withRequestBody(
                matchingJsonPath(
                    "$.filters[?(@.operand == 'LatestOnly')].values[0]", equalTo("true"))));
    wireMock.verify(
        1,
        postRequestedFor(urlPathEqualTo(CREATE_RUN))
            .withQueryParam("api-version", equalTo("2018-06-01"))
            .withQueryParam("referencePipelineRunId", equalTo(FAILED_RUN))
            .withQueryParam("isRecovery", equalTo("true"))
            .withQueryParam("startFromFailure", equalTo("true"))
            .withHeader(
                "Authorization",
                equalTo(
                    "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6Ik1uQ19WWmNBVGZNNXBP...")));
  }

  @Test
  void aRecoveryRunAlreadyInProgressIsReturnedInsteadOfStartingAnother() {
    stubFailedRunAndCreateRun();
    String recovery =
        run(
            r -> {
              r.put("runId", "e4a6c8e0-2b4d-4f6a-8c0e-2a4c6e8a0c2e");
              r.put("status", "InProgress");
              r.put("runStart", "2025-03-14T02:20:00Z");
              r.putNull("runEnd");
            });
    wireMock.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson(runs(recovery))));

    ActionResult result = adf.perform(retryPipeline());

    assertThat(result.reference()).isEqualTo("e4a6c8e0-2b4d-4f6a-8c0e-2a4c6e8a0c2e");
    assertThat(result.data()).containsEntry("reused", "true");
    assertThat(result.detail()).contains("already InProgress");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(CREATE_RUN)));
  }

  @Test
  void aFailedRecoveryIsRecoveredFromWhereItStopped() {
    stubFailedRunAndCreateRun();
    String failedRecovery =
        run(
            r -> {
              r.put("runId", "a0c2e4a6-8c0e-4a2c-9e4a-6c8e0a2c4e6a");
              r.put("runStart", "2025-03-14T02:20:00Z");
            });
    wireMock.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson(runs(failedRecovery))));

    adf.perform(retryPipeline());

    wireMock.verify(
        postRequestedFor(urlPathEqualTo(CREATE_RUN))
            .withQueryParam(
                "referencePipelineRunId", equalTo("a0c2e4a6-8c0e-4a2c-9e4a-6c8e0a2c4e6a")));
  }

  @Test
  void theTokenIsFetchedOnceAndReusedUntilItNearlyExpires() {
    stubFailedRunAndCreateRun();
    wireMock.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(
                okJson(Payloads.text("azure-monitor/adf_pipeline_runs_query_failed.json"))));

    adf.perform(retryPipeline());
    adf.checkHealth("pipeline_succeeded", retryPipeline(), null);
    wireMock.verify(
        1,
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withRequestBody(containing("grant_type=client_credentials"))
            .withRequestBody(containing("scope=https%3A%2F%2Fmanagement.azure.com%2F.default"))
            .withRequestBody(containing("client_id=535fb089-9ff3-47b6-9bfb-4f1264799865")));

    clock.advance(Duration.ofSeconds(3599 - 60)); // inside the renewal margin
    adf.checkHealth("pipeline_succeeded", retryPipeline(), null);
    wireMock.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void refusedCredentialsAreNotRetryableAndDoNotLeakTheSecret() {
    wireMock.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        Payloads.entry(
                            "azure-monitor/aad_token_responses_verbatim.json",
                            "error_invalid_scope"))));

    assertThatThrownBy(() -> adf.perform(retryPipeline()))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.platform()).isEqualTo("adf");
              assertThat(e.getMessage()).contains("AADSTS70011").doesNotContain("s3cret");
            });
  }

  @Test
  void armThrottlingIsRetryableAfterRetryAfter() {
    wireMock.stubFor(
        get(urlPathMatching(FACTORY + "/pipelineruns/.*"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "17")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}")));

    assertThatThrownBy(() -> adf.perform(retryPipeline()))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.retryAfterSeconds()).isEqualTo(17);
              assertThat(e.getMessage()).contains("TooManyRequests");
            });
  }

  @Test
  void pipelineSucceededFollowsTheRunStatus() {
    String path = FACTORY + "/pipelineruns/e4a6c8e0-2b4d-4f6a-8c0e-2a4c6e8a0c2e";
    ActionResult rerun =
        new ActionResult(
            ActionResult.Status.DONE, "e4a6c8e0-2b4d-4f6a-8c0e-2a4c6e8a0c2e", "rerun", Map.of());

    wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(failedRun())));
    HealthCheckResult failed = adf.checkHealth("pipeline_succeeded", retryPipeline(), rerun);
    assertThat(failed.status()).isEqualTo(HealthCheckResult.Status.UNHEALTHY);
    assertThat(failed.detail()).contains("UserErrorSourceBlobNotExist");

    wireMock.stubFor(
        get(urlPathEqualTo(path)).willReturn(okJson(run(r -> r.put("status", "InProgress")))));
    assertThat(adf.checkHealth("pipeline_succeeded", retryPipeline(), rerun).status())
        .isEqualTo(HealthCheckResult.Status.PENDING);

    wireMock.stubFor(
        get(urlPathEqualTo(path)).willReturn(okJson(run(r -> r.put("status", "Succeeded")))));
    assertThat(adf.checkHealth("pipeline_succeeded", retryPipeline(), rerun).status())
        .isEqualTo(HealthCheckResult.Status.HEALTHY);
  }

  @Test
  void theFactoryComesFromTheAlertsResourceIdWhenGiven() {
    adf = clientWithFactoryDefaults(null, null, null);
    String otherFactory =
        "/subscriptions/5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47/resourceGroups/rg-other"
            + "/providers/Microsoft.DataFactory/factories/adf-other";
    wireMock.stubFor(
        get(urlPathEqualTo(otherFactory + "/pipelineruns/" + FAILED_RUN))
            .willReturn(okJson(failedRun())));

    HealthCheckResult health =
        adf.checkHealth(
            "pipeline_succeeded",
            new ActionRequest(
                "retry_pipeline",
                Map.of(
                    "azureResourceId",
                    otherFactory.toLowerCase(),
                    "pipeline",
                    PIPELINE,
                    "pipelineRunId",
                    FAILED_RUN),
                Map.of(),
                "k"),
            null);

    assertThat(health.status()).isEqualTo(HealthCheckResult.Status.UNHEALTHY);
  }

  @Test
  void upstreamFailedIsRerunFromFailure() {
    stubFailedRunAndCreateRun();
    wireMock.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(
                okJson(Payloads.text("azure-monitor/adf_pipeline_runs_query_failed.json"))));

    ActionResult result = adf.perform(upstreamOf("pl_transform_orders"));

    assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
    assertThat(result.data())
        .containsEntry("upstreamRunId", FAILED_RUN)
        .containsEntry("upstreamStatus", "Failed");
    wireMock.verify(
        postRequestedFor(urlPathEqualTo(QUERY))
            .withRequestBody(matchingJsonPath("$.filters[0].operand", equalTo("PipelineName")))
            .withRequestBody(matchingJsonPath("$.filters[0].values[0]", equalTo(PIPELINE))));
    wireMock.verify(
        1,
        postRequestedFor(urlPathEqualTo(CREATE_RUN))
            .withQueryParam("referencePipelineRunId", equalTo(FAILED_RUN)));
  }

  @Test
  void upstreamStillRuningMeansWaiting() {
    wireMock.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(okJson(runs(run(r -> r.put("status", "InProgress"))))));

    ActionResult result = adf.perform(upstreamOf("pl_transform_orders"));

    assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
    assertThat(result.reference()).isEqualTo(FAILED_RUN);
    assertThat(result.detail()).startsWith("waiting");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(CREATE_RUN)));
  }

  @Test
  void upstreamSucceededLeavesTheRetryToTheDownstream() {
    wireMock.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(okJson(runs(run(r -> r.put("status", "Succeeded"))))));

    ActionResult result = adf.perform(upstreamOf("pl_transform_orders"));

    assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
    assertThat(result.data()).containsEntry("upstreamStatus", "Succeeded");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(CREATE_RUN)));
  }

  private static ActionRequest upstreamOf(String downstream) {
    return new ActionRequest(
        "rerun_upstream_pipeline",
        Map.of("pipeline", downstream),
        Map.of("upstreamPipeline", PIPELINE),
        "incident-8/step-1/attempt-1");
  }

  /** A clock the test moves forward, to show the token cache expiring. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
