package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rebound.ReboundApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rolling restart: two instances on one PostgreSQL take a steady stream of real cluster-failure
 * webhooks; one is stopped (SIGTERM: a graceful context close) while alerts keep coming, and the
 * sender moves to the other when it is refused. Every delivery answered 202 is decided exactly once
 * (one incident, one occurrence) and every plan's action reaches Databricks exactly once.
 */
class RollingRestartOnPostgresIntegrationTest {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());
  static final String SECRET = "rolling-restart-databricks-secret";
  static final int ALERTS = 40;
  static EmbeddedPostgres postgres;

  @TempDir static Path policy;

  @BeforeAll
  static void start() throws Exception {
    PLATFORM.start();
    postgres = EmbeddedPostgres.start();
    shortBackoffPolicy(policy);
  }

  @AfterAll
  static void stop() throws Exception {
    PLATFORM.stop();
    postgres.close();
  }

  @Test
  void stoppingOneInstanceWhileAlertsFlowLosesAndDoublesNothing() throws Exception {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    String body =
        Files.readString(
            Path.of(
                "src/test/resources/shared/payloads/databricks/"
                    + "databricks_cluster_get_terminated_driver_unreachable.json"));
    List<String> clusters =
        java.util.stream.IntStream.range(0, ALERTS)
            .mapToObj(i -> "1203-rolling-" + UUID.randomUUID().toString().substring(0, 8))
            .toList();
    for (String cluster : clusters) {
      RemediationIntegrationTestBase.stubTerminatedCluster(PLATFORM, cluster, 0, null, "RUNNING");
    }

    ConfigurableApplicationContext a = instance(url);
    ConfigurableApplicationContext b = instance(url);
    int portA = port(a);
    int portB = port(b);
    Map<String, String> accepted = new ConcurrentHashMap<>(); // cluster -> delivery id
    Map<String, Integer> acceptedBy = new ConcurrentHashMap<>();
    AtomicBoolean aStopped = new AtomicBoolean();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService senders = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < clusters.size(); i++) {
        String cluster = clusters.get(i);
        int first = i % 2 == 0 ? portA : portB;
        sent.add(
            senders.submit(
                () -> {
                  // a load balancer's retry: the other instance when one refuses
                  for (int port : new int[] {first, first == portA ? portB : portA}) {
                    String id = post(http, port, body.replace("1234-567890-reef123", cluster));
                    if (id != null) {
                      accepted.put(cluster, id);
                      acceptedBy.merge(port == portA ? "a" : "b", 1, Integer::sum);
                      return;
                    }
                  }
                }));
        if (i == ALERTS / 2) {
          await().until(() -> accepted.size() >= ALERTS / 4);
          a.close(); // while the senders keep posting
          aStopped.set(true);
        }
      }
      for (Future<?> f : sent) {
        f.get();
      }

      assertThat(aStopped).isTrue();
      assertThat(accepted).hasSize(ALERTS);
      assertThat(acceptedBy.get("a")).as("accepted by the stopped instance").isPositive();
      JdbcClient jdbc = b.getBean(JdbcClient.class);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  jdbc.sql("select count(*) from incident where status = 'RESOLVED'")
                          .query(Integer.class)
                          .single()
                      == ALERTS);

      for (Map.Entry<String, String> delivery : accepted.entrySet()) {
        Map<String, Object> row =
            jdbc.sql(
                    """
                    select d.status, i.occurrences, i.status as incident_status
                    from delivery d join incident i on i.id = d.incident_id where d.id = :id
                    """)
                .param("id", UUID.fromString(delivery.getValue()))
                .query()
                .singleRow();
        assertThat(row)
            .as("delivery for %s", delivery.getKey())
            .containsEntry("status", "PROCESSED")
            .containsEntry("occurrences", 1)
            .containsEntry("incident_status", "RESOLVED");
      }
      assertThat(jdbc.sql("select count(*) from incident").query(Integer.class).single())
          .isEqualTo(ALERTS);
      assertThat(jdbc.sql("select count(*) from remediation_plan").query(Integer.class).single())
          .isEqualTo(ALERTS);
      assertThat(jdbc.sql("select status from remediation_attempt").query(String.class).list())
          .hasSize(ALERTS)
          .containsOnly("SUCCEEDED");
      for (String cluster : clusters) {
        RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 1);
      }
    } finally {
      senders.shutdownNow();
      a.close();
      b.close();
    }
  }

  /** POSTs one alert; the delivery id when answered 202, null when refused or unreachable. */
  private static String post(HttpClient http, int port, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/webhooks/databricks"))
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/json")
                  .header("X-Api-Key", SECRET)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        return null;
      }
      return JsonMapper.builder().build().readTree(response.body()).path("deliveryId").asString();
    } catch (java.io.IOException e) {
      return null; // the instance is stopping or stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private static ConfigurableApplicationContext instance(String url) {
    return new SpringApplicationBuilder(ReboundApplication.class)
        .run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--rebound.policy.dir=" + policy,
            "--rebound.webhooks.databricks.secret=" + SECRET,
            "--rebound.databricks.host=" + PLATFORM.baseUrl(),
            "--rebound.databricks.token=dapi-test-token",
            "--rebound.security.generated-secrets-file=target/rolling-restart-secrets.properties",
            "--rebound.remediation.scheduler.polling-interval=100ms",
            "--rebound.remediation.scheduler.heartbeat-interval=1s",
            "--rebound.remediation.health-poll-interval=200ms",
            "--rebound.ingest.lease=2s",
            "--rebound.ingest.sweep-interval=500ms");
  }

  /**
   * The shipped policy, except that a cluster whose driver stopped answering is restarted after 1 s
   * instead of 60 s, with no fallback: the test is about hand-offs, not waiting.
   */
  private static void shortBackoffPolicy(Path dir) throws Exception {
    for (String folder : List.of("rules", "decision-tables")) {
      Path target = Files.createDirectories(dir.resolve(folder));
      try (var files = Files.list(Path.of(folder))) {
        for (Path f : files.toList()) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    }
    Path playbooks = dir.resolve("decision-tables/playbooks.xlsx");
    Workbook workbook;
    try (InputStream in = Files.newInputStream(playbooks)) {
      workbook = WorkbookFactory.create(in);
    }
    Sheet sheet = workbook.getSheet("Playbooks");
    for (Row row : sheet) {
      Cell key = row.getCell(0);
      if (key != null && "DatabricksDriverNotResponding".equals(key.toString())) {
        row.getCell(3).setCellValue("1"); // Backoff (s)
        row.getCell(6).setBlank(); // Fallback actions
      }
    }
    try (OutputStream out = Files.newOutputStream(playbooks)) {
      workbook.write(out);
    }
    workbook.close();
  }
}
