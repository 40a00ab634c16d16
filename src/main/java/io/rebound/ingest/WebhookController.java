package io.rebound.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The webhook endpoints. Reads the exact body bytes (bounded), checks the sender's secret, and
 * answers 202 only once the delivery is stored; processing happens afterwards on a worker, so the
 * answer's incidentId is null and {@code GET /api/deliveries/{id}} shows it once processed.
 * Rejections (401, 400, 413, 422) are stored too.
 */
@RestController
class WebhookController {

  /** Headers worth keeping with a delivery. Secrets (X-Api-Key, X-Gitlab-Token) never are. */
  private static final List<String> KEPT_HEADERS =
      List.of(
          "Content-Type",
          "User-Agent",
          "X-GitHub-Event",
          "X-GitHub-Delivery",
          "X-GitHub-Hook-ID",
          "X-Hub-Signature-256",
          "X-Gitlab-Event",
          "X-Gitlab-Instance",
          "X-Gitlab-Event-UUID",
          "X-Request-Id",
          "X-Forwarded-For");

  private final Intake intake;
  private final WebhookAuthenticator authenticator;
  private final IngestProperties properties;
  private final ObjectMapper json;

  WebhookController(
      Intake intake,
      WebhookAuthenticator authenticator,
      IngestProperties properties,
      ObjectMapper json) {
    this.intake = intake;
    this.authenticator = authenticator;
    this.properties = properties;
    this.json = json;
  }

  @PostMapping("/webhooks/{name}")
  ResponseEntity<Map<String, Object>> webhook(@PathVariable String name, HttpServletRequest request)
      throws IOException {
    Optional<WebhookEndpoint> endpoint = WebhookEndpoint.fromId(name);
    if (endpoint.isEmpty()) {
      return answer(
          new Intake.Result(
              null,
              404,
              "unknown_endpoint",
              "No webhook endpoint /webhooks/"
                  + name
                  + "; use one of azure-monitor, databricks, synapse, azure-functions, github,"
                  + " gitlab, jenkins, azure-devops, circleci, generic"));
    }
    return receive(endpoint.get(), "/webhooks/" + name, request);
  }

  /** The path users of the earlier remediation tool configured in their Azure action groups. */
  @PostMapping("/azure-monitor")
  ResponseEntity<Map<String, Object>> priorAzureMonitor(HttpServletRequest request)
      throws IOException {
    return receive(WebhookEndpoint.AZURE_MONITOR, "/azure-monitor", request);
  }

  /** The path users of the earlier remediation tool configured for Databricks notifications. */
  @PostMapping("/databricks-monitor")
  ResponseEntity<Map<String, Object>> priorDatabricks(HttpServletRequest request)
      throws IOException {
    return receive(WebhookEndpoint.DATABRICKS, "/databricks-monitor", request);
  }

  private ResponseEntity<Map<String, Object>> receive(
      WebhookEndpoint endpoint, String channel, HttpServletRequest request) throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxBodySize().toBytes());
    Body body = readBounded(request, limit);
    Intake.Arrival arrival =
        new Intake.Arrival(
            endpoint,
            channel,
            json.writeValueAsString(keptHeaders(request)),
            body.bytes(),
            body.truncated(),
            body.size(),
            null,
            "webhook:" + endpoint.id());
    if (body.truncated()) {
      return answer(intake.receive(arrival));
    }
    Optional<String> rejection =
        authenticator.rejectionReason(
            endpoint,
            new WebhookAuthenticator.Credentials(
                request.getHeader("X-Api-Key"),
                request.getParameter("token"),
                request.getHeader("X-Hub-Signature-256"),
                request.getHeader("X-Gitlab-Token")),
            body.bytes());
    if (rejection.isPresent()) {
      return answer(intake.reject(arrival, 401, "unauthorized", rejection.get()));
    }
    return answer(intake.receive(arrival));
  }

  private record Body(byte[] bytes, boolean truncated, int size) {}

  /**
   * Reads at most limit + 1 bytes: enough to know a body is too large without holding it. The
   * declared Content-Length short-cuts the obvious cases.
   */
  private static Body readBounded(HttpServletRequest request, int limit) throws IOException {
    long declared = request.getContentLengthLong();
    int cap = declared > limit ? 64 * 1024 : limit + 1;
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 && declared <= limit ? (int) declared : 8192);
    byte[] buffer = new byte[8192];
    int total = 0;
    try (InputStream in = request.getInputStream()) {
      int n;
      while (total < cap && (n = in.read(buffer, 0, Math.min(buffer.length, cap - total))) != -1) {
        out.write(buffer, 0, n);
        total += n;
      }
    }
    boolean tooLarge = declared > limit || total > limit;
    int size = declared > 0 ? (int) Math.min(Integer.MAX_VALUE, declared) : total;
    return new Body(out.toByteArray(), tooLarge, size);
  }

  private static Map<String, String> keptHeaders(HttpServletRequest request) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : KEPT_HEADERS) {
      String value = request.getHeader(name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    return kept;
  }

  private static ResponseEntity<Map<String, Object>> answer(Intake.Result result) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (result.accepted()) {
      body.put("deliveryId", result.deliveryId());
      body.put("incidentId", null);
      body.put("status", "accepted");
    } else {
      body.put("error", result.error());
      body.put("detail", result.detail());
      if (result.deliveryId() != null) {
        body.put("deliveryId", result.deliveryId());
      }
    }
    return ResponseEntity.status(HttpStatus.valueOf(result.httpStatus())).body(body);
  }
}
