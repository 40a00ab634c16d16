package io.rebound.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.LoopbackHttp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real alert posted to the running service moves the Prometheus series ops alert on, and the
 * scrape endpoint needs a viewer token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:metrics;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=viewer:viewer-token,admin:admin-token",
      "rebound.security.generated-secrets-file=target/metrics-test-generated-secrets.properties",
      "rebound.webhooks.azure-monitor.secret=azure-monitor-secret",
      "rebound.databricks.watch.cluster-ids=",
      "rebound.remediation.mode=approve-all",
      "rebound.metrics.refresh-interval=200ms",
      "rebound.metrics.settle=0s"
    })
class PrometheusMetricsTest {

  private static final Path ALERT =
      Path.of(
          "src/test/resources/shared/payloads/azure-monitor/"
              + "adf_log_alert_v2_copy_2200_blob_not_exist.json");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void scrapingNeedsAViewerToken() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/prometheus", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"");
    assertThat(get("/actuator/prometheus", "not-a-token").statusCode()).isEqualTo(401);

    HttpResponse<String> viewer = get("/actuator/prometheus", "viewer-token");
    assertThat(viewer.statusCode()).isEqualTo(200);
    assertThat(viewer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(viewer.body()).contains("# TYPE rebound_inbox_undecided gauge");
  }

  @Test
  void aRealAlertMovesDeliveriesDecisionsAndLatencies() throws Exception {
    double accepted =
        valueOr0(
            "rebound_webhook_deliveries_total",
            Map.of("source", "azure-monitor", "outcome", "accepted", "status", "202"));
    double unauthorized =
        valueOr0(
            "rebound_webhook_deliveries_total",
            Map.of("source", "azure-monitor", "outcome", "unauthorized", "status", "401"));
    double evaluations = valueOr0("rebound_policy_evaluation_seconds_count", Map.of());
    double decided = valueOr0("rebound_intake_to_decision_seconds_count", Map.of());

    byte[] alert = Files.readAllBytes(ALERT);
    assertThat(post("/webhooks/azure-monitor", alert, "azure-monitor-secret").statusCode())
        .isEqualTo(202);
    assertThat(post("/webhooks/azure-monitor", alert, "wrong-secret").statusCode()).isEqualTo(401);
    assertThat(post("/webhooks/no-such-platform", alert, "azure-monitor-secret").statusCode())
        .isEqualTo(404);

    awaitValue(
        "rebound_webhook_deliveries_total",
        Map.of("source", "azure-monitor", "outcome", "accepted", "status", "202"),
        v -> v == accepted + 1);
    awaitValue(
        "rebound_webhook_deliveries_total",
        Map.of("source", "azure-monitor", "outcome", "unauthorized", "status", "401"),
        v -> v == unauthorized + 1);
    awaitValue(
        "rebound_webhook_deliveries_total",
        Map.of("source", "unknown", "status", "404"),
        v -> v >= 1);
    awaitValue("rebound_policy_evaluation_seconds_count", Map.of(), v -> v > evaluations);
    awaitValue(
        "rebound_intake_to_decision_seconds_count",
        Map.of("source", "azure-monitor"),
        v -> v > decided);
    // the decision the incident records (the copy activity's missing blob) is the one counted
    String errorType =
        jdbc.sql("select error_type from incident order by first_seen desc fetch first 1 row only")
            .query(String.class)
            .single();
    assertThat(errorType).isNotBlank();
    awaitValue("rebound_decisions_total", Map.of("error_type", errorType), v -> v >= 1);
    String scrape = scrape();
    assertThat(scrape).doesNotContain("no-such-platform");
    awaitValue("rebound_inbox_undecided", Map.of(), v -> v == 0);
    long incidents = jdbc.sql("select count(*) from incident").query(Long.class).single();
    awaitValue("rebound_incidents", Map.of(), v -> v >= 1);
    assertThat(incidents).isPositive();
  }

  @Test
  void undecidedBacklogAndDueTasksAreReadFromTheTables() throws Exception {
    jdbc.sql(
            """
            insert into delivery (id, source, endpoint, received_at, headers, body, body_truncated,
              body_size, status, http_status, attempts, next_attempt_at)
            values (random_uuid(), 'generic', 'generic', :at, '{}', X'7B7D', false, 2,
              'RECEIVED', 202, 0, :later)
            """)
        .param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
        .param("later", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1))
        .update();
    jdbc.sql(
            """
            insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
            values ('metrics-test', 'due-1', :at, false, 1)
            """)
        .param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(-1))
        .update();
    try {
      awaitValue("rebound_inbox_undecided", Map.of(), v -> v >= 1);
      awaitValue("rebound_scheduler_tasks_due", Map.of(), v -> v >= 1);
    } finally {
      jdbc.sql("delete from delivery where next_attempt_at > :now")
          .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
          .update();
      jdbc.sql("delete from scheduled_tasks where task_name = 'metrics-test'").update();
    }
    awaitValue("rebound_scheduler_tasks_due", Map.of(), v -> v == 0);
  }

  @Test
  void breakersAreExportedPerPlatformNeverPerResource() throws Exception {
    // the breaker table is what every instance reads (remediation's Breakers writes it)
    String action = "databricks:restart_cluster:0923-164208-meows279";
    try {
      insertBreaker("platform:databricks", "CLOSED");
      insertBreaker(action, "OPEN");

      awaitValue(
          "rebound_circuit_breakers",
          Map.of("kind", "action", "platform", "databricks", "state", "open"),
          v -> v == 1);
      String scrape = scrape();
      assertThat(
              series(
                  scrape,
                  "rebound_circuit_breakers",
                  Map.of("kind", "platform", "platform", "databricks", "state", "closed")))
          .hasValue(1.0);
      assertThat(
              series(
                  scrape,
                  "rebound_circuit_breakers",
                  Map.of("kind", "platform", "platform", "databricks", "state", "open")))
          .hasValue(0.0);
      assertThat(scrape).doesNotContain("0923-164208-meows279");
    } finally {
      jdbc.sql("delete from remediation_breaker").update();
    }
    awaitValue(
        "rebound_circuit_breakers",
        Map.of("kind", "action", "platform", "databricks", "state", "open"),
        v -> v == 0);
  }

  private void insertBreaker(String name, String state) {
    jdbc.sql(
            "insert into remediation_breaker (name, state, failure_threshold,"
                + " consecutive_failures, not_permitted_calls, opened_at, last_failure, updated_at)"
                + " values (:name, :state, 5, 0, 0, null, null, :now)")
        .param("name", name)
        .param("state", state)
        .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
        .update();
  }

  // ---- scraping -----------------------------------------------------------------------------

  private String scrape() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus", "viewer-token");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private double valueOr0(String name, Map<String, String> labels) throws Exception {
    return series(scrape(), name, labels).orElse(0);
  }

  /** Polls the scrape until the series (summed over unnamed labels) satisfies the check. */
  private void awaitValue(String name, Map<String, String> labels, DoublePredicate check)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    OptionalDouble last = OptionalDouble.empty();
    while (Instant.now().isBefore(deadline)) {
      last = series(scrape(), name, labels);
      if (last.isPresent() && check.test(last.getAsDouble())) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError(name + labels + " never reached the expected value; last: " + last);
  }

  /** The sum of every sample of the metric whose labels include all of the given ones. */
  static OptionalDouble series(String scrape, String name, Map<String, String> labels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      String labelText = m.group(1) == null ? "" : m.group(1);
      boolean all =
          labels.entrySet().stream()
              .allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return new LoopbackHttp(port).get(path, token);
  }

  private HttpResponse<String> post(String path, byte[] body, String key) throws Exception {
    return new LoopbackHttp(port).postJson(path, body, Map.of("X-Api-Key", key));
  }
}
