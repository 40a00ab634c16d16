package io.rebound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM (a context close, which is what Spring's shutdown hook does): the readiness probe says
 * OUT_OF_SERVICE while the server still answers, so a load balancer stops sending before anything
 * is refused, and an alert that arrives in that moment is still accepted and kept.
 */
class GracefulStopIntegrationTest {

  private static final String SECRET = "graceful-stop-databricks-secret";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the service answered at the moment its readiness went down. */
  private final Map<String, HttpResponse<String>> atReadinessDown = new ConcurrentHashMap<>();

  /** Availability changes and the start of the close, in the order they happened. */
  private final List<String> sequence = new CopyOnWriteArrayList<>();

  private volatile int port;

  @Test
  void readinessGoesDownWhileTheServerStillAcceptsThenTheServerStops() throws Exception {
    String database =
        "jdbc:h2:mem:graceful-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ReboundApplication.class)
            .listeners(
                (ApplicationListener<ApplicationEvent>)
                    event -> {
                      if (event instanceof AvailabilityChangeEvent<?> change) {
                        sequence.add(String.valueOf(change.getState()));
                      } else if (event instanceof ContextClosedEvent) {
                        // published after the readiness change and before anything is stopped
                        sequence.add("closing");
                        atReadinessDown.put("readiness", get("/actuator/health/readiness"));
                        atReadinessDown.put("liveness", get("/actuator/health/liveness"));
                        atReadinessDown.put("alert", postAlert());
                      }
                    })
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--rebound.webhooks.databricks.secret=" + SECRET,
                "--rebound.security.generated-secrets-file=target/graceful-stop-secrets.properties");
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));

    HttpResponse<String> ready = get("/actuator/health/readiness");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(status(ready)).isEqualTo("UP");

    context.close();

    assertThat(sequence)
        .containsSubsequence("ACCEPTING_TRAFFIC", "REFUSING_TRAFFIC", "closing")
        .endsWith("closing");

    HttpResponse<String> readiness = atReadinessDown.get("readiness");
    assertThat(readiness).as("the server answered while readiness was down").isNotNull();
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(status(readiness)).isEqualTo("OUT_OF_SERVICE");
    HttpResponse<String> liveness = atReadinessDown.get("liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(status(liveness)).isEqualTo("UP");
    HttpResponse<String> alert = atReadinessDown.get("alert");
    assertThat(alert.statusCode()).as(alert.body()).isEqualTo(202);
    String deliveryId = JSON.readTree(alert.body()).path("deliveryId").asString();
    assertThat(deliveryId).isNotBlank();

    // stopped: nothing listens any more, and the alert accepted during the stop was kept
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(
            () ->
                fresh.send(
                    HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    try (var reopened = java.sql.DriverManager.getConnection(database, "sa", "")) {
      var statement = reopened.prepareStatement("select status from delivery where id = ?");
      statement.setObject(1, UUID.fromString(deliveryId));
      var rows = statement.executeQuery();
      assertThat(rows.next()).as("delivery %s stored", deliveryId).isTrue();
      assertThat(rows.getString(1)).isIn("RECEIVED", "PROCESSED");
    }
  }

  private static String status(HttpResponse<String> response) {
    JsonNode body = JSON.readTree(response.body());
    return body.path("status").asString();
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  private HttpResponse<String> postAlert() {
    try {
      byte[] body =
          Files.readAllBytes(
              Path.of("src/test/resources/shared/payloads/databricks/databricks_job_failure.json"));
      return send(
          HttpRequest.newBuilder(uri("/webhooks/databricks"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("X-Api-Key", SECRET)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
