package io.rebound.ingest;

import io.rebound.ticket.JiraUpdates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.ObjectMapper;

/**
 * The webhook endpoints. Checks the sender's secret first (from the headers, before the body is
 * read; GitHub's signature needs the body, read bounded), then answers 202 only once the delivery
 * is stored; processing happens afterwards on a worker, so the answer's incidentId is null and
 * {@code GET /api/deliveries/{id}} shows it once processed. An authenticated delivery is always
 * stored, also when rejected (400, 413); JSON Rebound cannot read is accepted and becomes an
 * UnrecognisedAlert incident. An unauthenticated request is never stored: anyone can send one, so
 * it is only counted and sampled in memory ({@link RefusedRequests}). Jira's webhook is the one
 * endpoint that brings no failure: once authenticated like the others, its body goes to the ticket
 * module (status changes of Rebound's Jira issues) and is answered 200 there, not stored.
 *
 * <p>A plain servlet rather than a Spring MVC controller, and outside Spring Security (webhooks
 * carry their own per-source secret): this is the path an alert storm hammers, and the MVC
 * dispatch, content negotiation and security filter chain together cost about a third of each
 * request's CPU there (BENCHMARKS.md, "Webhook ingestion").
 */
class WebhookServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);

  /** Where the servlet is mounted: one path per source, plus the paths of the prior tool. */
  static final String[] MAPPINGS = {
    "/webhooks/*", "/azure-monitor", "/azure-monitor-alert", "/databricks-monitor"
  };

  private static final String ENDPOINT_NAMES =
      Arrays.stream(WebhookEndpoint.values())
          .map(WebhookEndpoint::id)
          .collect(Collectors.joining(", "));

  /**
   * Headers worth keeping with a delivery. Secrets (X-Api-Key, X-Gitlab-Token, Authorization) never
   * are, nor X-Hub-Signature-256: a valid signature lets anyone holding it resend that body.
   */
  private static final List<String> KEPT_HEADERS =
      List.of(
          "Content-Type",
          "User-Agent",
          "X-GitHub-Event",
          "X-GitHub-Delivery",
          "X-GitHub-Hook-ID",
          "X-Gitlab-Event",
          "X-Gitlab-Instance",
          "X-Gitlab-Event-UUID",
          "X-Request-Id",
          "X-Forwarded-For");

  private final transient Intake intake;
  private final transient WebhookAuthenticator authenticator;
  private final transient RefusedRequests refused;
  private final transient IngestProperties properties;
  private final transient ObjectMapper json;
  private final transient JiraUpdates jira;

  WebhookServlet(
      Intake intake,
      WebhookAuthenticator authenticator,
      RefusedRequests refused,
      IngestProperties properties,
      ObjectMapper json,
      JiraUpdates jira) {
    this.intake = intake;
    this.authenticator = authenticator;
    this.refused = refused;
    this.properties = properties;
    this.json = json;
    this.jira = jira;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Intake.Result result;
    try {
      result = answerFor(request);
    } catch (ResponseStatusException e) { // the inbox cannot take it now: the sender retries
      result = new Intake.Result(null, e.getStatusCode().value(), "unavailable", e.getReason());
    } catch (IOException e) {
      log.debug("Could not read a webhook body: {}", e.toString());
      return; // the sender went away mid-body; there is nobody left to answer
    } catch (RuntimeException e) {
      log.error("Unexpected error taking in a webhook delivery", e);
      result =
          new Intake.Result(
              null,
              500,
              "internal_error",
              "Rebound failed to answer this request; the service log has the details.");
    }
    write(response, result);
  }

  private Intake.Result answerFor(HttpServletRequest request) throws IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Optional<WebhookEndpoint> endpoint = endpointAt(path);
    if (endpoint.isEmpty()) {
      return new Intake.Result(
          null,
          404,
          "unknown_endpoint",
          "No webhook endpoint " + path + "; use /webhooks/ followed by one of " + ENDPOINT_NAMES);
    }
    if (!"POST".equals(request.getMethod())) {
      return new Intake.Result(
          null,
          405,
          "method_not_allowed",
          request.getMethod() + " is not supported here; platforms deliver with POST");
    }
    return receive(endpoint.get(), path, request);
  }

  private static Optional<WebhookEndpoint> endpointAt(String path) {
    return switch (path) {
      // the prior tool's Log Analytics path: same sender, same secret, rows read one by one
      case "/azure-monitor", "/azure-monitor-alert" -> Optional.of(WebhookEndpoint.AZURE_MONITOR);
      case "/databricks-monitor" -> Optional.of(WebhookEndpoint.DATABRICKS);
      default ->
          path.startsWith("/webhooks/")
              ? WebhookEndpoint.fromId(path.substring("/webhooks/".length()))
              : Optional.empty();
    };
  }

  private Intake.Result receive(
      WebhookEndpoint endpoint, String channel, HttpServletRequest request) throws IOException {
    WebhookAuthenticator.Credentials presented = credentials(request, endpoint);
    boolean signed =
        endpoint.auth() == WebhookEndpoint.Auth.GITHUB_SIGNATURE
            || (endpoint.auth() == WebhookEndpoint.Auth.JIRA_SIGNATURE
                && presented.signature() != null);
    if (!signed) { // header secrets: refuse before reading a byte of the body
      Optional<WebhookAuthenticator.Rejection> rejection =
          authenticator.rejection(endpoint, presented, null);
      if (rejection.isPresent()) {
        return refuse(endpoint, channel, request, 401, rejection.get(), null);
      }
    }
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxBodySize().toBytes());
    Body body = readBounded(request, limit);
    if (signed) {
      if (body.truncated()) {
        return refuse(
            endpoint,
            channel,
            request,
            413,
            new WebhookAuthenticator.Rejection(
                "too_large_to_verify",
                "The body is larger than the "
                    + limit
                    + " bytes accepted (rebound.ingest.max-body-size), so its signature cannot be"
                    + " checked; nothing was stored"),
            body);
      }
      Optional<WebhookAuthenticator.Rejection> rejection =
          authenticator.rejection(endpoint, presented, body.bytes());
      if (rejection.isPresent()) {
        return refuse(endpoint, channel, request, 401, rejection.get(), body);
      }
    }
    if (endpoint == WebhookEndpoint.JIRA) {
      if (body.truncated()) {
        return new Intake.Result(
            null,
            413,
            "payload_too_large",
            "The body is larger than rebound.ingest.max-body-size; nothing was recorded");
      }
      JiraUpdates.Receipt receipt = jira.receive(body.bytes());
      return new Intake.Result(null, receipt.httpStatus(), receipt.status(), receipt.detail());
    }
    return intake.receive(
        new Intake.Arrival(
            endpoint,
            channel,
            json.writeValueAsString(keptHeaders(request)),
            body.bytes(),
            body.truncated(),
            body.size(),
            null,
            "webhook:" + endpoint.id()));
  }

  private static WebhookAuthenticator.Credentials credentials(
      HttpServletRequest request, WebhookEndpoint endpoint) {
    return new WebhookAuthenticator.Credentials(
        request.getHeader("X-Api-Key"),
        queryToken(request.getQueryString()),
        request.getHeader(
            endpoint == WebhookEndpoint.JIRA ? "X-Hub-Signature" : "X-Hub-Signature-256"),
        request.getHeader("X-Gitlab-Token"));
  }

  /**
   * The {@code token} query parameter, read from the query string itself: {@code getParameter}
   * would parse a form-encoded body too, reading it before the secret is checked.
   */
  static String queryToken(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=")) {
        try {
          return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // undecodable: the same as a wrong token
          return "";
        }
      }
    }
    return null;
  }

  /**
   * Answers an unauthenticated request without storing it: counted, and sampled in memory with the
   * harmless headers and the start of its body only.
   *
   * @param body what was read of the body already; null when nothing was read yet
   */
  private Intake.Result refuse(
      WebhookEndpoint endpoint,
      String channel,
      HttpServletRequest request,
      int httpStatus,
      WebhookAuthenticator.Rejection rejection,
      Body body)
      throws IOException {
    byte[] start =
        body != null
            ? body.bytes()
            : request.getInputStream().readNBytes(RefusedRequests.SAMPLE_BYTES);
    long size = body != null ? body.size() : request.getContentLengthLong();
    refused.record(
        endpoint,
        channel,
        httpStatus,
        rejection,
        keptHeaders(request),
        new String(
            start, 0, Math.min(start.length, RefusedRequests.SAMPLE_BYTES), StandardCharsets.UTF_8),
        size < 0 ? start.length : size);
    return new Intake.Result(
        null,
        httpStatus,
        httpStatus == 401 ? "unauthorized" : "payload_too_large",
        rejection.detail());
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

  /** The same JSON shapes the rest of the API answers with. */
  private void write(HttpServletResponse response, Intake.Result result) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    if (result.accepted()) {
      body.put("deliveryId", result.deliveryId());
      body.put("incidentId", null);
      body.put("status", "accepted");
    } else if (result.httpStatus() == 200) { // Jira's webhook, handled at once: what was done
      body.put("status", result.error());
      body.put("detail", result.detail());
    } else {
      body.put("error", result.error());
      body.put("detail", result.detail());
      if (result.deliveryId() != null) {
        body.put("deliveryId", result.deliveryId());
      }
    }
    byte[] bytes = json.writeValueAsBytes(body);
    response.setStatus(result.httpStatus());
    if (result.httpStatus() == 405) {
      response.setHeader("Allow", "POST");
    }
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
