package io.rebound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test's view of incidents through the service's own HTTP API: post to a webhook, wait for the
 * incident it opened, read the incident and its audit trail.
 */
public final class IncidentsOverHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final LoopbackHttp http;
  private final String viewerToken;

  public IncidentsOverHttp(int port, String viewerToken) {
    this.http = new LoopbackHttp(port);
    this.viewerToken = viewerToken;
  }

  /** Posts a JSON body to the generic webhook; answers the delivery id of its 202. */
  public String deliver(String genericSecret, String body) throws Exception {
    HttpResponse<String> answer =
        http.postJson(
            "/webhooks/generic",
            body.getBytes(StandardCharsets.UTF_8),
            Map.of("X-Api-Key", genericSecret));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return JSON.readTree(answer.body()).path("deliveryId").asString();
  }

  /** Posts to the generic webhook and waits for the incident the delivery opened. */
  public UUID open(String genericSecret, String body) throws Exception {
    String delivery = deliver(genericSecret, body);
    String id =
        await()
            .atMost(PATIENCE)
            .until(
                () -> get("/api/deliveries/" + delivery).path("incidentId").asString(""),
                s -> !s.isEmpty());
    return UUID.fromString(id);
  }

  /** Waits until the incident's answer satisfies {@code until}; returns that answer. */
  public JsonNode awaitIncident(UUID id, Predicate<JsonNode> until) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> incident(id), until);
  }

  /** Waits for the first audit event of this action on the incident. */
  public JsonNode awaitAudit(UUID id, String action) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> auditEvent(incident(id), action), Optional::isPresent)
        .orElseThrow();
  }

  public JsonNode incident(UUID id) throws Exception {
    return get("/api/incidents/" + id);
  }

  public static List<String> auditActions(JsonNode incident) {
    List<String> actions = new ArrayList<>();
    incident.path("audit").forEach(e -> actions.add(e.path("action").asString()));
    return actions;
  }

  public static Optional<JsonNode> auditEvent(JsonNode incident, String action) {
    for (JsonNode event : incident.path("audit")) {
      if (event.path("action").asString().equals(action)) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }

  /** GET with the viewer token; the answer must be a 200. */
  public JsonNode get(String path) throws Exception {
    HttpResponse<String> answer = http.get(path, viewerToken);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }
}
