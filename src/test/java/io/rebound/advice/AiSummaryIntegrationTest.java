package io.rebound.advice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rebound.IncidentsOverHttp;
import io.rebound.ReboundApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AI summaries end to end over HTTP: failures posted to the generic webhook are decided by the
 * shipped policy and escalated; WireMock answers as an OpenAI chat-completions endpoint with the
 * documented response shape (src/test/resources/ai). One test, in order, because the daily token
 * cap counts what the earlier summaries spent.
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AiSummaryIntegrationTest {

  static final WireMockServer MODEL = new WireMockServer(options().dynamicPort());
  static final JsonMapper JSON = JsonMapper.builder().build();

  static {
    MODEL.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:ai-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("rebound.security.generated-secrets-file", () -> "target/ai-it.properties");
    registry.add("rebound.security.api-tokens", () -> "viewer:ai-viewer");
    registry.add("rebound.webhooks.generic.secret", () -> "ai-generic");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "100ms");
    registry.add("rebound.ai.enabled", () -> "true");
    registry.add("rebound.ai.base-url", MODEL::baseUrl);
    registry.add("rebound.ai.api-key", () -> "sk-test-key");
    registry.add("rebound.ai.model", () -> "gpt-4.1-mini");
    registry.add("rebound.ai.timeout", () -> "1s");
    registry.add("rebound.ai.max-tokens-per-incident", () -> "1500");
    // the first summary reports 800 tokens: a second one no longer fits the day
    registry.add("rebound.ai.max-tokens-per-day", () -> "1600");
  }

  @AfterAll
  static void stop() {
    MODEL.stop();
  }

  @LocalServerPort int port;

  @Test
  void escalationsGetAnAdvisorySummaryWithinTheTimeoutAndTheTokenCaps() throws Exception {
    // 1. the endpoint is too slow: the escalation stands, the audit trail says why there is none
    MODEL.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(containing("job_slow"))
            .willReturn(completion("{}").withFixedDelay(3_000)));
    UUID slow = escalate("job_slow");
    JsonNode failed = api().awaitAudit(slow, "ai.failed");
    assertThat(failed.path("details").path("why").asString()).contains("timed out");
    assertThat(failed.path("actor").asString()).isEqualTo("rebound-ai");
    assertThat(api().incident(slow).path("advice").isNull()).isTrue();

    // 2. an UnknownError: a summary, next steps and a suggested classification row
    String answer =
        """
        ```json
        {"summary": "The job's source table was renamed; the run failed reading it.",
         "nextSteps": ["Check the table name in the job's notebook", "Re-run the job"],
         "classificationRow": {"platform": "databricks", "messageMentions": "snorkel",
                               "errorType": "DatabricksTableNotFound"}}
        ```""";
    MODEL.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(containing("job_unknown"))
            .willReturn(completion(answer)));
    UUID unknown = escalate("job_unknown");
    JsonNode before = api().incident(unknown);
    api().awaitAudit(unknown, "ai.summary-written");
    JsonNode after = api().incident(unknown);
    JsonNode advice = after.path("advice");
    assertThat(advice.path("advisory").asBoolean()).isTrue();
    assertThat(advice.path("note").asString()).startsWith("Advisory:").contains("changed nothing");
    assertThat(advice.path("summary").asString()).startsWith("The job's source table was renamed");
    assertThat(advice.path("nextSteps")).hasSize(2);
    assertThat(advice.path("suggestedClassificationRow").path("messageMentions").asString())
        .isEqualTo("snorkel");
    assertThat(advice.path("model").asString()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(advice.path("tokens").asInt()).isEqualTo(800);
    // advice never changes the decision
    assertThat(after.path("status").asString()).isEqualTo("ESCALATED");
    assertThat(after.path("errorType").asString()).isEqualTo("UnknownError");
    assertThat(after.path("decision")).isEqualTo(before.path("decision"));

    LoggedRequest asked =
        MODEL
            .findAll(
                postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                    .withRequestBody(containing("job_unknown")))
            .get(0);
    assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer sk-test-key");
    JsonNode request = JSON.readTree(asked.getBodyAsString());
    assertThat(request.path("model").asString()).isEqualTo("gpt-4.1-mini");
    assertThat(request.path("max_tokens").asInt()).isBetween(50, 500);
    assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(request.path("messages").get(0).path("content").asString())
        .contains("UnknownError")
        .contains("Message patterns");
    assertThat(request.path("messages").get(1).path("content").asString())
        .contains("snorkel")
        .contains("Decision reasons");

    // 3. the day's cap is reached: no call, and the audit trail says so
    UUID capped = escalate("job_capped");
    JsonNode skipped = api().awaitAudit(capped, "ai.skipped");
    assertThat(skipped.path("details").path("why").asString())
        .contains("rebound.ai.max-tokens-per-day")
        .contains("800 spent");
    assertThat(
            MODEL.findAll(
                postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                    .withRequestBody(containing("job_capped"))))
        .isEmpty();
  }

  /** A Databricks failure with no code and a message no row knows: an UnknownError, escalated. */
  private UUID escalate(String job) throws Exception {
    UUID incident =
        api()
            .open(
                "ai-generic",
                """
                {"source": "databricks", "environment": "production", "status": "failed",
                 "resourceKind": "job_run",
                 "resource": {"jobId": "%s", "jobName": "%s", "runId": "%d"},
                 "errorMessage": "The snorkel %s stopped unexpectedly", "failureType": "UserError"}"""
                    .formatted(Math.abs(job.hashCode()), job, Math.abs(job.hashCode()) + 1, job));
    api().awaitIncident(incident, i -> i.path("status").asString().equals("ESCALATED"));
    return incident;
  }

  private IncidentsOverHttp api() {
    return new IncidentsOverHttp(port, "ai-viewer");
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String content)
      throws Exception {
    JsonNode shape =
        JSON.readTree(Files.readString(Path.of("src/test/resources/ai/chat-completion-200.json")));
    ((tools.jackson.databind.node.ObjectNode) shape.path("choices").get(0).path("message"))
        .put("content", content);
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(shape));
  }
}
