package io.rebound.ingest;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.ObjectMapper;

/** The inbox through the API: what arrived, what became of it, and replaying a delivery. */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

  private final Inbox inbox;
  private final Intake intake;
  private final ObjectMapper json;

  DeliveryController(Inbox inbox, Intake intake, ObjectMapper json) {
    this.inbox = inbox;
    this.intake = intake;
    this.json = json;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String incidentId,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Inbox.Filter filter =
        new Inbox.Filter(
            source(source),
            status(status),
            time("from", from),
            time("to", to),
            incidentId == null || incidentId.isBlank() ? null : uuid("incidentId", incidentId));
    int p = range("page", page, 0, 0, 1_000_000);
    int s = range("size", size, 50, 1, 500);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", inbox.list(filter, p, s).stream().map(d -> view(d, false)).toList());
    body.put("page", p);
    body.put("size", s);
    body.put("total", inbox.count(filter));
    return body;
  }

  /** What waits to be decided: the dashboard's "undecided backlog". */
  @GetMapping("/backlog")
  Inbox.Backlog backlog() {
    return inbox.backlog();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(find(id), true);
  }

  /**
   * Takes the stored body in again as a new delivery (linked to the original), through the same
   * checks and processing. Not for deliveries refused for their secret — that would let anyone's
   * body in — nor for ones cut short for their size.
   */
  @PostMapping("/{id}/replay")
  ResponseEntity<Map<String, Object>> replay(@PathVariable String id, Principal principal) {
    Delivery original = find(id);
    if (original.httpStatus() == 401) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "Delivery "
              + original.id()
              + " was refused because its secret was wrong; replaying it would bypass"
              + " authentication. Fix the sender's secret and let it send again.");
    }
    if (original.bodyTruncated()) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "Delivery "
              + original.id()
              + " was too large and only its start was kept; it cannot be replayed");
    }
    WebhookEndpoint endpoint =
        WebhookEndpoint.fromId(original.source())
            .orElseThrow(() -> new IllegalStateException("Unknown source " + original.source()));
    Intake.Result result =
        intake.receive(
            new Intake.Arrival(
                endpoint,
                original.endpoint(),
                original.headersJson(),
                original.body(),
                false,
                original.body().length,
                original.id(),
                principal == null ? "unknown" : principal.getName()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deliveryId", result.deliveryId());
    body.put("replayOf", original.id());
    if (result.accepted()) {
      body.put("incidentId", null);
      body.put("status", "accepted");
    } else {
      body.put("error", result.error());
      body.put("detail", result.detail());
    }
    return ResponseEntity.status(result.httpStatus()).body(body);
  }

  private Delivery find(String id) {
    UUID uuid = uuid("id", id);
    return inbox
        .find(uuid)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No delivery with id " + uuid));
  }

  private Map<String, Object> view(Delivery d, boolean withBody) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("source", d.source());
    m.put("endpoint", d.endpoint());
    m.put("receivedAt", d.receivedAt());
    m.put("status", d.status());
    m.put("httpStatus", d.httpStatus());
    m.put("reason", d.reason());
    m.put("attempts", d.attempts());
    m.put("processedAt", d.processedAt());
    m.put("incidentId", d.incidentId());
    m.put("replayOf", d.replayOf());
    m.put("requestedBy", d.requestedBy());
    m.put("bodySize", d.bodySize());
    m.put("bodyTruncated", d.bodyTruncated());
    if (withBody) {
      m.put("headers", json.readTree(d.headersJson()));
      m.put("body", new String(d.body(), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String source(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return WebhookEndpoint.fromId(value.trim().toLowerCase(Locale.ROOT))
        .map(WebhookEndpoint::id)
        .orElseThrow(
            () ->
                bad(
                    "source",
                    value,
                    "one of "
                        + Arrays.stream(WebhookEndpoint.values())
                            .map(WebhookEndpoint::id)
                            .toList()));
  }

  private static UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "Parameter '"
              + name
              + "' has value '"
              + value
              + "', expected an id such as"
              + " 0192f1c4-7a2b-7c3d-9e4f-5a6b7c8d9e0f");
    }
  }

  private static Delivery.Status status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return Arrays.stream(Delivery.Status.values())
        .filter(s -> s.name().equalsIgnoreCase(value.trim()))
        .findFirst()
        .orElseThrow(() -> bad("status", value, "one of " + List.of(Delivery.Status.values())));
  }

  private static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw bad(name, value, "an ISO-8601 UTC time such as 2025-03-14T02:00:00Z");
    }
  }

  private static int range(String name, Integer value, int defaultValue, int min, int max) {
    if (value == null) {
      return defaultValue;
    }
    if (value < min || value > max) {
      throw bad(name, String.valueOf(value), "a number from " + min + " to " + max);
    }
    return value;
  }

  private static ResponseStatusException bad(String name, String value, String expected) {
    return new ResponseStatusException(
        HttpStatus.BAD_REQUEST,
        "Parameter '" + name + "' has value '" + value + "', expected " + expected);
  }
}
