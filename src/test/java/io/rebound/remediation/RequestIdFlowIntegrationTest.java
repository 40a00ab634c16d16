package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.rebound.LoopbackHttp;
import io.rebound.ReboundApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One id from the webhook to the action: a Databricks alert posted with X-Request-Id: abc is
 * decided, planned and carried out (a cluster start on the WireMock Databricks), and every audit
 * row of the incident, the plan and its action carries abc, as do the log lines the delivery worker
 * and the executor write while they work on it (captured here, at DEBUG).
 */
@SpringBootTest(
    classes = ReboundApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RemediationTestBeans.class)
class RequestIdFlowIntegrationTest {

  static final WireMockServer DATABRICKS = new WireMockServer(options().dynamicPort());
  private static final String CLUSTER = "test-cluster-123";
  private static final String REQUEST_ID = "abc";

  static {
    DATABRICKS.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:request-id-flow;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("rebound.databricks.host", DATABRICKS::baseUrl);
    registry.add("rebound.databricks.token", () -> "dapi-test-token");
    registry.add("rebound.webhooks.databricks.secret", () -> "flow-webhook-secret");
    registry.add(
        "rebound.security.generated-secrets-file",
        () -> "target/request-id-flow-secrets.properties");
    registry.add("rebound.remediation.scheduler.polling-interval", () -> "50ms");
    registry.add("rebound.remediation.health-poll-interval", () -> "100ms");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() throws Exception {
    logs.start();
    root().addAppender(logs);
    for (String name : List.of("io.rebound.ingest", "io.rebound.remediation")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
    }
    // the shipped playbook waits a minute before restarting; this test needs no wait
    ScriptedPolicy.REPLACED.put(
        "DatabricksDriverNotResponding",
        Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of()));
    RemediationIntegrationTestBase.stubTerminatedCluster(DATABRICKS, CLUSTER, 0, null, "RUNNING");
  }

  @AfterEach
  void release() {
    root().detachAppender(logs);
    for (String name : List.of("io.rebound.ingest", "io.rebound.remediation")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
    }
    ScriptedPolicy.REPLACED.clear();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void theWebhooksRequestIdIsOnTheAuditRowsAndLogLinesOfTheDecisionAndTheAction() throws Exception {
    HttpResponse<String> accepted =
        new LoopbackHttp(port)
            .postJson(
                "/databricks-monitor",
                Files.readAllBytes(
                    Path.of(
                        "src/test/resources/shared/payloads/prior-tool/"
                            + "09_databricks_cluster_terminated_driver_not_responding.json")),
                Map.of("X-Api-Key", "flow-webhook-secret", "X-Request-Id", REQUEST_ID));
    assertThat(accepted.statusCode()).isEqualTo(202);
    UUID incident =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(this::resolvedIncident, id -> id != null);

    assertThat(requestIdOfIncident(incident)).isEqualTo(REQUEST_ID);
    List<Map<String, Object>> audit =
        jdbc.sql("select action, request_id from audit_event where incident_id = ? order by seq")
            .param(incident)
            .query()
            .listOfRows();
    assertThat(audit)
        .extracting(row -> row.get("action"))
        .contains("incident.opened", "incident.decided", "attempt.started", "incident.resolved");
    assertThat(audit).allSatisfy(row -> assertThat(row.get("request_id")).isEqualTo(REQUEST_ID));
    assertThat(
            jdbc.sql("select request_id from remediation_plan where incident_id = ?")
                .param(incident)
                .query(String.class)
                .single())
        .isEqualTo(REQUEST_ID);

    assertThat(linesWithTheId("io.rebound.ingest", "worker"))
        .as("log lines of the delivery worker")
        .isNotEmpty();
    // the executor runs on db-scheduler's pool threads
    assertThat(linesWithTheId("io.rebound.remediation.AttemptRunner", ""))
        .as("log lines of the executor")
        .anySatisfy(line -> assertThat(line).contains("restart_cluster"));
  }

  private UUID resolvedIncident() {
    return jdbc.sql("select id from incident where status = 'RESOLVED' and resource like ?")
        .param("%" + CLUSTER + "%")
        .query(UUID.class)
        .optional()
        .orElse(null);
  }

  private String requestIdOfIncident(UUID incident) {
    return jdbc.sql("select request_id from incident where id = ?")
        .param(incident)
        .query(String.class)
        .single();
  }

  /** Messages logged under this logger name, on threads whose name contains this, with the id. */
  private List<String> linesWithTheId(String loggerPrefix, String thread) {
    return List.copyOf(logs.list).stream()
        .filter(e -> e.getLoggerName().startsWith(loggerPrefix))
        .filter(e -> e.getThreadName().toLowerCase().contains(thread))
        .filter(e -> REQUEST_ID.equals(e.getMDCPropertyMap().get("requestId")))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
