package io.rebound.ticket.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.IncidentsOverHttp;
import io.rebound.ReboundApplication;
import io.rebound.remediation.sandbox.SandboxPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox as a newcomer runs it, with its defaults (an issue on escalation only): an alert
 * Rebound escalates opens an issue on the sandbox's Jira stand-in, and the incident shows its key.
 * Only the ports differ from application-sandbox.yml.
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SandboxJiraIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static int jiraPort;

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) {
    jiraPort = SandboxPorts.register(registry).jira();
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:sandbox-jira;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add(
        "rebound.security.generated-secrets-file", () -> "target/sandbox-jira-it.properties");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "100ms");
    registry.add("rebound.jira.polling-interval", () -> "100ms");
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anEscalatedAlertOpensAnIssueOnTheJiraStandIn() throws Exception {
    IncidentsOverHttp api = new IncidentsOverHttp(port, "sandbox-viewer-token");
    String incidentId =
        api.open("sandbox-webhook-secret", "{\"nothing\": \"Rebound can read\"}").toString();
    JsonNode incident =
        api.awaitIncident(
            UUID.fromString(incidentId), i -> i.path("ticket").path("key").isString());

    assertThat(incident.path("status").asString()).isEqualTo("ESCALATED");
    String key = incident.path("ticket").path("key").asString();
    assertThat(key).matches("SBX-\\d{6}");
    assertThat(incident.path("ticket").path("url").asString())
        .isEqualTo("http://127.0.0.1:" + jiraPort + "/browse/" + key);

    // the stand-in really received it: WireMock's own request journal
    JsonNode journal =
        JSON.readTree(
            send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + jiraPort + "/__admin/requests")))
                .body());
    String created = null;
    for (JsonNode entry : journal.path("requests")) {
      JsonNode request = entry.path("request");
      if (request.path("url").asString().equals("/rest/api/3/issue")
          && request.path("body").asString().contains(incidentId)) {
        created = request.path("body").asString();
      }
    }
    assertThat(created).as("the create request on the stand-in").isNotNull();
    JsonNode fields = JSON.readTree(created).path("fields");
    assertThat(fields.path("project").path("key").asString()).isEqualTo("SBX");
    assertThat(fields.path("summary").asString()).startsWith("[Rebound] UnrecognisedAlert");
    assertThat(fields.path("description").toString())
        .contains("http://localhost:8080/api/incidents/" + incidentId);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
