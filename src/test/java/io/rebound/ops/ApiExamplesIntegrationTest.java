package io.rebound.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.LoopbackHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recorded answers in openapi/examples are in the API description, each beside an operation
 * that exists, and each still has the fields the live answer has (so a changed answer makes this
 * fail until the example is recorded again).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:api-examples;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=admin:admin-token",
      "rebound.security.generated-secrets-file=target/api-examples-test-secrets.properties",
      "rebound.webhooks.azure-monitor.secret=azure-monitor-secret",
      "rebound.databricks.watch.cluster-ids=",
      // decide and plan, execute nothing: the answers only need the rows to exist
      "rebound.remediation.mode=dry-run"
    })
class ApiExamplesIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path EXAMPLES = Path.of("src/main/resources/" + ApiExamples.FOLDER);
  private static final String SETUP_QUERY =
      "?subscription=5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47&resourceGroup=rg-dataplatform-prod"
          + "&factory=adf-contoso-prod";

  @LocalServerPort int port;

  private String incidentId;
  private String deliveryId;

  @BeforeEach
  void anAlertWasDecided() throws Exception {
    HttpResponse<String> accepted =
        new LoopbackHttp(port)
            .postJson(
                "/webhooks/azure-monitor",
                Files.readAllBytes(
                    Path.of(
                        "src/test/resources/shared/payloads/azure-monitor/"
                            + "adf_log_alert_v2_web_2108_gateway_timeout.json")),
                Map.of("X-Api-Key", "azure-monitor-secret"));
    assertThat(accepted.statusCode()).isEqualTo(202);
    deliveryId = JSON.readTree(accepted.body()).path("deliveryId").asString();
    incidentId =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> JSON.readTree(get("/api/deliveries/" + deliveryId).body()).path("incidentId"),
                id -> id.isString())
            .asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/api/remediation/plans/" + incidentId).statusCode() == 200);
  }

  @Test
  void everyRecordedExampleIsDescribedAndStillHasTheLiveAnswersFields() throws Exception {
    JsonNode paths = JSON.readTree(get("/v3/api-docs").body()).path("paths");
    Set<String> checked = new TreeSet<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String method = name.substring(0, name.indexOf('_'));
        String path =
            name.substring(method.length(), name.length() - ".json".length()).replace('_', '/');
        JsonNode recorded = JSON.readTree(Files.readString(file));

        JsonNode described =
            paths
                .path(path)
                .path(method)
                .path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("examples")
                .path("recorded")
                .path("value");
        assertThat(described).as(name + " in /v3/api-docs").isEqualTo(recorded);

        if (method.equals("get")) {
          HttpResponse<String> live = get(live(path));
          assertThat(live.statusCode()).as(name).isEqualTo(200);
          assertThat(fields(JSON.readTree(live.body())))
              .as(name + ": fields of the live answer")
              .isEqualTo(fields(recorded));
          checked.add(name);
        }
      }
    }
    assertThat(checked).contains("get_api_incidents_{id}.json", "get_api_audit.json");
  }

  private String live(String path) {
    return path.replace("/api/incidents/{id}", "/api/incidents/" + incidentId)
            .replace("/api/deliveries/{id}", "/api/deliveries/" + deliveryId)
            .replace("{incidentId}", incidentId)
            .replace("{number}", "1")
        + (path.equals("/api/setup/azure-monitor") ? SETUP_QUERY : "")
        + (path.equals("/api/audit") ? "?incidentId=" + incidentId : "");
  }

  /** The top-level field names, and those of the first element of a list (at top level). */
  private static Set<String> fields(JsonNode answer) {
    Set<String> names = new TreeSet<>();
    JsonNode first = answer.isArray() ? answer.path(0) : answer;
    first.propertyNames().forEach(names::add);
    for (String name : Set.copyOf(names)) {
      JsonNode value = first.path(name);
      if (value.isArray() && value.path(0).isObject()) {
        value.path(0).propertyNames().forEach(inner -> names.add(name + "[]." + inner));
      }
    }
    return names;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return new LoopbackHttp(port).get(path, "admin-token");
  }
}
