package io.rebound.ticket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rebound.IncidentsOverHttp;
import io.rebound.ReboundApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jira issues for incidents, over real HTTP end to end: a webhook delivery is decided by the
 * shipped policy, the incident moves, and the ticket module talks to WireMock answering with Jira
 * Cloud's documented shapes (src/test/resources/jira, provenance in its README). Runs with {@code
 * on-every-incident}, so one incident shows creation, retry and comments; the default (an issue on
 * escalation only) is what the sandbox test shows.
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JiraTicketsIntegrationTest {

  static final WireMockServer JIRA = new WireMockServer(options().dynamicPort());
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Path SHAPES = Path.of("src", "test", "resources", "jira");
  static final String JIRA_SECRET = "tickets-jira-secret";

  static {
    JIRA.start();
    // nothing found unless a test says otherwise: Rebound looks before it creates again
    JIRA.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .atPriority(10)
            .willReturn(jiraAnswer(200, "search-jql-200.json", null, "\"issues\": []")));
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:tickets-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("rebound.security.generated-secrets-file", () -> "target/tickets-it.properties");
    registry.add("rebound.security.api-tokens", () -> "viewer:tickets-viewer");
    registry.add("rebound.webhooks.generic.secret", () -> "tickets-generic");
    registry.add("rebound.webhooks.jira.secret", () -> JIRA_SECRET);
    registry.add("rebound.jira.base-url", JIRA::baseUrl);
    registry.add("rebound.jira.email", () -> "ops@example.com");
    registry.add("rebound.jira.api-token", () -> "jira-api-token");
    registry.add("rebound.jira.project-key", () -> "OPS");
    registry.add("rebound.jira.on-every-incident", () -> "true");
    registry.add("rebound.jira.incident-link", () -> "https://rebound.example.com");
    registry.add("rebound.jira.retry-after", () -> "200ms");
    registry.add("rebound.jira.polling-interval", () -> "100ms");
    // a Jira that answers after 6 s has timed out (the lost-answer test)
    registry.add("rebound.connector.read-timeout", () -> "6s");
    // plans wait for a person: an incident stays open long enough to be resolved by its alert
    registry.add("rebound.remediation.mode", () -> "approve-all");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "100ms");
  }

  @AfterAll
  static void stop() {
    JIRA.stop();
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void jiraFailingFirstDelaysTheIssueNotTheDecisionAndTheEscalationBecomesAComment()
      throws Exception {
    String resource = "UnrecognisedAlert";
    JIRA.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue"))
            .withRequestBody(containing(resource))
            .inScenario(resource)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(jiraAnswer(500, "error-500.json", null))
            .willSetStateTo("up again"));
    JIRA.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue"))
            .withRequestBody(containing(resource))
            .inScenario(resource)
            .whenScenarioStateIs("up again")
            .willReturn(jiraAnswer(201, "create-issue-201.json", "OPS-101")));
    JIRA.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue/OPS-101/comment"))
            .willReturn(jiraAnswer(201, "add-comment-201.json", null)));

    // JSON of no known shape: the policy escalates it as an UnrecognisedAlert
    UUID incident = deliver("{\"what\": \"nothing Rebound can read\"}");

    JsonNode escalated = awaitIncident(incident, i -> i.path("ticket").path("key").isString());
    assertThat(escalated.path("status").asString()).isEqualTo("ESCALATED");
    assertThat(escalated.path("ticket").path("key").asString()).isEqualTo("OPS-101");
    assertThat(escalated.path("ticket").path("url").asString())
        .isEqualTo(JIRA.baseUrl() + "/browse/OPS-101");
    assertThat(escalated.path("ticket").path("system").asString()).isEqualTo("jira");

    List<String> actions = auditActions(incident);
    assertThat(actions)
        .containsSubsequence("incident.decided", "jira.issue-failed", "jira.issue-created");
    JsonNode failed = auditEvent(incident, "jira.issue-failed");
    assertThat(failed.path("details").path("why").asString())
        .contains("Jira answered 500")
        .contains("Internal server error");
    assertThat(failed.path("details").path("willRetry").asBoolean()).isTrue();
    assertThat(failed.path("actor").asString()).isEqualTo("rebound");

    List<LoggedRequest> creates =
        JIRA.findAll(
            postRequestedFor(urlPathEqualTo("/rest/api/3/issue"))
                .withRequestBody(containing(resource)));
    assertThat(creates).hasSize(2);
    LoggedRequest create = creates.get(1);
    assertThat(create.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        "ops@example.com:jira-api-token".getBytes(StandardCharsets.UTF_8)));
    JsonNode fields = JSON.readTree(create.getBodyAsString()).path("fields");
    assertThat(fields.path("project").path("key").asString()).isEqualTo("OPS");
    assertThat(fields.path("issuetype").path("name").asString()).isEqualTo("Task");
    assertThat(fields.path("summary").asString()).startsWith("[Rebound] UnrecognisedAlert on ");
    assertThat(fields.path("labels").get(0).asString()).isEqualTo("rebound");
    assertThat(fields.path("labels").get(1).asString()).isEqualTo("rebound-incident-" + incident);
    // before trying again, Rebound looked for an issue the failed try might have created
    assertThat(
            JIRA.findAll(
                getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql"))
                    .withQueryParam(
                        "jql",
                        equalTo(
                            "project = \"OPS\" AND labels = \"rebound-incident-"
                                + incident
                                + "\""))))
        .hasSize(1);
    JsonNode description = fields.path("description");
    assertThat(description.path("type").asString()).isEqualTo("doc");
    assertThat(description.path("version").asInt()).isEqualTo(1);
    String text = allText(description);
    // the decision's reasons name the workbook, sheet and row that made them
    assertThat(text).contains("UnrecognisedAlert").containsPattern("\\.xlsx, [^,]+, row \\d+");
    assertThat(text).contains("https://rebound.example.com/api/incidents/" + incident);
    assertThat(description.toString())
        .contains("\"href\":\"https://rebound.example.com/api/incidents/");

    // the escalation itself is a comment on the issue opened when the incident was decided
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(auditActions(incident)).contains("jira.commented"));
    LoggedRequest comment =
        JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/OPS-101/comment"))).get(0);
    JsonNode body = JSON.readTree(comment.getBodyAsString()).path("body");
    assertThat(body.path("type").asString()).isEqualTo("doc");
    assertThat(allText(body)).startsWith("Rebound escalated this incident");
  }

  @Test
  void anIssueWhoseAnswerWasLostIsFoundNotCreatedTwice() throws Exception {
    String pipeline = "pl_lost_" + shortId();
    // Jira creates the issue but answers too late: Rebound's call times out
    JIRA.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue"))
            .withRequestBody(containing(pipeline))
            .inScenario("lost answer")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(jiraAnswer(201, "create-issue-201.json", "OPS-404").withFixedDelay(10_000))
            .willSetStateTo("created"));
    JIRA.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .atPriority(1)
            .inScenario("lost answer")
            .whenScenarioStateIs("created")
            .willReturn(jiraAnswer(200, "search-jql-200.json", "OPS-404")));
    try {
      UUID incident = deliver(adfRun(pipeline, "failed"));

      JsonNode linked =
          awaitIncident(incident, i -> i.path("ticket").path("key").asString().equals("OPS-404"));
      assertThat(auditActionsOf(linked))
          .containsSubsequence("jira.issue-failed", "jira.issue-found");
      assertThat(auditEvent(incident, "jira.issue-failed").path("details").path("why").asString())
          .contains("timed out");
      assertThat(
              JIRA.findAll(
                  postRequestedFor(urlPathEqualTo("/rest/api/3/issue"))
                      .withRequestBody(containing(pipeline))))
          .hasSize(1);
    } finally {
      JIRA.setScenarioState("lost answer", Scenario.STARTED);
    }
  }

  @Test
  void aResolvedIncidentGetsAResolutionCommentOnItsIssue() throws Exception {
    String pipeline = "pl_ingest_" + shortId();
    jiraCreates(pipeline, "OPS-202");
    JIRA.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue/OPS-202/comment"))
            .willReturn(jiraAnswer(201, "add-comment-201.json", null)));

    UUID incident = deliver(adfRun(pipeline, "failed"));
    awaitIncident(incident, i -> i.path("ticket").path("key").asString().equals("OPS-202"));
    deliverAndForget(adfRun(pipeline, "resolved"));

    JsonNode resolved =
        awaitIncident(
            incident,
            i ->
                i.path("status").asString().equals("RESOLVED")
                    && auditActionsOf(i).contains("jira.commented"));
    assertThat(resolved.path("ticket").path("key").asString()).isEqualTo("OPS-202");
    List<LoggedRequest> comments =
        JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/OPS-202/comment")));
    assertThat(comments).hasSize(1);
    assertThat(allText(JSON.readTree(comments.get(0).getBodyAsString()).path("body")))
        .startsWith("Resolved.");
    // the issue was created once, for the failure; the resolution did not open another
    assertThat(
            JIRA.findAll(
                postRequestedFor(urlPathEqualTo("/rest/api/3/issue"))
                    .withRequestBody(matchingJsonPath("$.fields.summary", containing(pipeline)))))
        .hasSize(1);
  }

  @Test
  void statusChangesPeopleMakeInJiraAreInTheIncidentsAuditTrail() throws Exception {
    String pipeline = "pl_people_" + shortId();
    jiraCreates(pipeline, "OPS-303");
    UUID incident = deliver(adfRun(pipeline, "failed"));
    awaitIncident(incident, i -> i.path("ticket").path("key").asString().equals("OPS-303"));
    byte[] update = shape("issue-updated-status.json").replace("ED-24", "OPS-303").getBytes();

    // authenticated like every webhook: nothing, a wrong signature or a wrong token is refused
    assertThat(jiraWebhook(update, Map.of()).statusCode()).isEqualTo(401);
    HttpResponse<String> forged =
        jiraWebhook(update, Map.of("X-Hub-Signature", "sha256=" + sign("not-the-secret", update)));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(forged.body()).path("error").asString()).isEqualTo("unauthorized");
    assertThat(JSON.readTree(forged.body()).path("detail").asString())
        .contains("X-Hub-Signature")
        .doesNotContain(JIRA_SECRET);
    assertThat(auditActions(incident)).doesNotContain("jira.status-changed");

    HttpResponse<String> recorded =
        jiraWebhook(update, Map.of("X-Hub-Signature", "sha256=" + sign(JIRA_SECRET, update)));
    assertThat(recorded.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(recorded.body());
    assertThat(answer.path("status").asString()).isEqualTo("recorded");
    assertThat(answer.path("detail").asString()).isEqualTo("OPS-303 is now In Progress");

    JsonNode changed = auditEvent(incident, "jira.status-changed");
    assertThat(changed.path("actor").asString()).isEqualTo("jira:Bryan Rollins [Atlassian]");
    assertThat(changed.path("details").path("issue").asString()).isEqualTo("OPS-303");
    assertThat(changed.path("details").path("from").asString()).isEqualTo("To Do");
    assertThat(changed.path("details").path("to").asString()).isEqualTo("In Progress");
    JsonNode ticket = incident(incident).path("ticket");
    assertThat(ticket.path("status").asString()).isEqualTo("In Progress");
    assertThat(ticket.path("statusChangedAt").asString()).startsWith("2018-05-07T13:03:57.764");

    // a webhook registered without a secret sends it as ?token=
    byte[] done =
        new String(update, StandardCharsets.UTF_8)
            .replace("\"fromString\": \"To Do\"", "\"fromString\": \"In Progress\"")
            .replace("\"toString\": \"In Progress\"", "\"toString\": \"Done\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(jiraWebhookWithToken(done, JIRA_SECRET).statusCode()).isEqualTo(200);
    assertThat(incident(incident).path("ticket").path("status").asString()).isEqualTo("Done");

    // what does not concern Rebound is acknowledged (so Jira does not retry it) and left alone
    JsonNode other =
        JSON.readTree(
            jiraWebhookWithToken(
                    new String(update, StandardCharsets.UTF_8)
                        .replace("OPS-303", "OTHER-1")
                        .getBytes(StandardCharsets.UTF_8),
                    JIRA_SECRET)
                .body());
    assertThat(other.path("status").asString()).isEqualTo("ignored");
    assertThat(other.path("detail").asString()).isEqualTo("No incident has the Jira issue OTHER-1");
    HttpResponse<String> broken = jiraWebhookWithToken("{not json".getBytes(), JIRA_SECRET);
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(broken.body()).path("error").asString()).isEqualTo("invalid_json");
    assertThat(auditActions(incident).stream().filter("jira.status-changed"::equals)).hasSize(2);
  }

  /** Jira answers a create whose body mentions {@code mentioned} with an issue of this key. */
  private static void jiraCreates(String mentioned, String key) {
    JIRA.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue"))
            .withRequestBody(containing(mentioned))
            .willReturn(jiraAnswer(201, "create-issue-201.json", key)));
  }

  // ---- Rebound over HTTP

  private UUID deliver(String body) throws Exception {
    return api().open("tickets-generic", body);
  }

  private void deliverAndForget(String body) throws Exception {
    api().deliver("tickets-generic", body);
  }

  private JsonNode awaitIncident(UUID id, java.util.function.Predicate<JsonNode> until) {
    return api().awaitIncident(id, until);
  }

  private JsonNode incident(UUID id) throws Exception {
    return api().incident(id);
  }

  private List<String> auditActions(UUID id) throws Exception {
    return IncidentsOverHttp.auditActions(incident(id));
  }

  private static List<String> auditActionsOf(JsonNode incident) {
    return IncidentsOverHttp.auditActions(incident);
  }

  private JsonNode auditEvent(UUID id, String action) throws Exception {
    return IncidentsOverHttp.auditEvent(incident(id), action)
        .orElseThrow(() -> new AssertionError("No audit event " + action + " for " + id));
  }

  private IncidentsOverHttp api() {
    return new IncidentsOverHttp(port, "tickets-viewer");
  }

  private HttpResponse<String> jiraWebhook(byte[] body, Map<String, String> headers)
      throws Exception {
    return jiraWebhookTo(base() + "/webhooks/jira", body, headers);
  }

  private HttpResponse<String> jiraWebhookWithToken(byte[] body, String token) throws Exception {
    return jiraWebhookTo(base() + "/webhooks/jira?token=" + token, body, Map.of());
  }

  private HttpResponse<String> jiraWebhookTo(String url, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return answer;
  }

  private String base() {
    return "http://localhost:" + port;
  }

  // ---- shapes

  private static String adfRun(String pipeline, String status) {
    return """
        {"source": "azure-data-factory", "environment": "production", "status": "%s",
         "resourceKind": "pipeline_run",
         "resource": {"factory": "adf-contoso-prod", "pipeline": "%s",
                      "pipelineRunId": "8d1f6a3e-52c4-4b0e-9a7d-%s"},
         "codes": {"activityCode": "2108"},
         "errorMessage": "Error calling the endpoint 'https://api.contoso.example/orders'. No response from the endpoint.",
         "failureType": "SystemError"}"""
        .formatted(status, pipeline, pipeline.hashCode() & 0xffffffffL);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jiraAnswer(
      int status, String file, String key) {
    return jiraAnswer(status, file, key, null);
  }

  /** A documented answer with its example key replaced, or its issues list emptied. */
  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jiraAnswer(
      int status, String file, String key, String issues) {
    String body = shape(file);
    if (key != null) {
      body = body.replace("ED-24", key).replace("ED-1", key);
    }
    if (issues != null) {
      body = body.replaceAll("(?s)\"issues\": \\[.*\\]", issues);
    }
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String shape(String file) {
    try {
      return Files.readString(SHAPES.resolve(file));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every text node of an Atlassian Document Format document, in order. */
  private static String allText(JsonNode node) {
    StringBuilder text = new StringBuilder();
    if (node.path("type").asString().equals("text")) {
      text.append(node.path("text").asString()).append('\n');
    }
    node.path("content").forEach(child -> text.append(allText(child)));
    return text.toString();
  }

  private static String sign(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
