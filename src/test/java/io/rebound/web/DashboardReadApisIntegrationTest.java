package io.rebound.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.DashboardClient;
import io.rebound.DashboardClient.Answer;
import io.rebound.DashboardTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The small read APIs the dashboard added, each in the module owning its data: open incidents by
 * severity, the CSV export, an incident's deliveries, the undecided backlog, remediation at a
 * glance. A real alert goes in through the generic webhook first.
 */
@DashboardTestContext
// its own context: Spring pauses a cached context between test classes, and the remediation
// scheduler does not start again after a pause
@TestPropertySource(
    properties =
        "spring.datasource.url=jdbc:h2:mem:dashboard-read-apis;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class DashboardReadApisIntegrationTest {

  private static final Map<String, String> VIEWER = Map.of("Authorization", "Bearer dash-viewer");

  @LocalServerPort int port;

  private Answer get(String path) {
    return new DashboardClient(port).send("GET", path, null, VIEWER);
  }

  private static JsonNode ok(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** Posts a failure whose message a spreadsheet would take for a formula; returns its incident. */
  private UUID postFailure(String pipeline) {
    String body =
        """
        {"source": "azure-data-factory", "environment": "production", "status": "failed",
         "resourceKind": "activity_run",
         "resource": {"factory": "adf-dash", "pipeline": "%s", "activity": "Copy"},
         "errorCode": "2200",
         "errorMessage": "=HYPERLINK(\\"x\\") Failure happened on 'Source' side, ErrorCode=UserErrorSourceBlobNotExist"}
        """
            .formatted(pipeline);
    Answer accepted =
        new DashboardClient(port)
            .send("POST", "/webhooks/generic", body, Map.of("X-Api-Key", "dash-generic"));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String deliveryId = accepted.json().path("deliveryId").asString();
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> ok(get("/api/deliveries/" + deliveryId)).path("incidentId").asString(null),
            id -> id != null)
        .transform(UUID::fromString);
  }

  @Test
  void anIncidentsDeliveriesAreListedByItsId() {
    UUID incident = postFailure("pl_deliveries_" + UUID.randomUUID());

    JsonNode deliveries = ok(get("/api/deliveries?incidentId=" + incident));
    assertThat(deliveries.path("total").asLong()).isEqualTo(1);
    assertThat(deliveries.path("items").get(0).path("incidentId").asString())
        .isEqualTo(incident.toString());
    assertThat(deliveries.path("items").get(0).path("source").asString()).isEqualTo("generic");

    Answer bad = get("/api/deliveries?incidentId=not-an-id");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("detail").asString()).contains("incidentId").contains("not-an-id");
  }

  @Test
  void theCsvExportHasTheListsRowsAndDefusesFormulas() {
    String pipeline = "pl_csv_" + UUID.randomUUID();
    UUID incident = postFailure(pipeline);

    Answer csv = get("/api/incidents/export?environment=production");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("id,status,severity,priority,source,environment");
    String row =
        lines.stream().filter(l -> l.startsWith(incident.toString())).findFirst().orElseThrow();
    assertThat(row).contains(",production,").contains("\"'=HYPERLINK(\"\"x\"\")");
    long listed = ok(get("/api/incidents?environment=production&size=500")).path("total").asLong();
    assertThat(lines).hasSize((int) listed + 1);

    Answer wrongFilter = get("/api/incidents/export?status=sleeping");
    assertThat(wrongFilter.status()).isEqualTo(400);
    assertThat(wrongFilter.body()).contains("status").contains("sleeping");
  }

  @Test
  void openCountsAgreeWithTheIncidentList() {
    postFailure("pl_open_" + UUID.randomUUID());

    JsonNode open = ok(get("/api/stats/open"));
    long total = 0;
    for (String status : List.of("OPEN", "DECIDED", "REMEDIATING")) {
      long listed = ok(get("/api/incidents?status=" + status)).path("total").asLong();
      assertThat(open.path("byStatus").path(status).asLong(0)).as(status).isEqualTo(listed);
      total += listed;
    }
    assertThat(open.path("total").asLong()).isEqualTo(total);
    long bySeverity = 0;
    for (JsonNode count : open.path("bySeverity")) {
      bySeverity += count.asLong();
    }
    assertThat(bySeverity).isEqualTo(total);
  }

  @Test
  void theBacklogAndRemediationSummaryHaveTheirShape() {
    postFailure("pl_backlog_" + UUID.randomUUID());

    JsonNode backlog = ok(get("/api/deliveries/backlog"));
    assertThat(backlog.has("waiting")).isTrue();
    assertThat(backlog.has("oldestReceivedAt")).isTrue();
    assertThat(backlog.path("waiting").asLong()).isZero();

    JsonNode summary = ok(get("/api/remediation/summary"));
    assertThat(summary.path("plansByStatus").isObject()).isTrue();
    assertThat(summary.path("approvalsWaiting").isNumber()).isTrue();
    assertThat(summary.path("breakersByState").isObject()).isTrue();
    assertThat(summary.path("actionsAllowed").asBoolean()).isTrue();
  }
}
