package io.rebound.incident;

import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident list as CSV for a spreadsheet or a post-incident review, with the list's filters.
 * Capped so one click cannot make the service read the whole table into memory.
 */
@RestController
class IncidentCsvController {

  static final int MAX_ROWS = 10_000;

  private static final List<String> HEADER =
      List.of(
          "id",
          "status",
          "severity",
          "priority",
          "source",
          "environment",
          "resource",
          "error_type",
          "category",
          "occurrences",
          "first_seen",
          "last_seen",
          "resolved_at",
          "error_message");

  private final IncidentStore store;

  IncidentCsvController(IncidentStore store) {
    this.store = store;
  }

  @GetMapping(value = "/api/incidents/export", produces = "text/csv")
  ResponseEntity<String> export(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String errorType,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    IncidentStore.Filter filter =
        IncidentController.filter(status, source, errorType, environment, from, to);
    StringBuilder csv = new StringBuilder();
    line(csv, HEADER);
    for (IncidentRow r : store.list(filter, 0, MAX_ROWS)) {
      line(
          csv,
          List.of(
              r.id().toString(),
              r.status().name(),
              text(r.severity()),
              text(r.priority()),
              text(r.source()),
              text(r.environment()),
              text(r.resource()),
              text(r.errorType()),
              text(r.category()),
              String.valueOf(r.occurrences()),
              time(r.firstSeen()),
              time(r.lastSeen()),
              time(r.resolvedAt()),
              text(r.errorMessage())));
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rebound-incidents.csv\"")
        .body(csv.toString());
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(cell(cells.get(i)));
    }
    csv.append("\r\n");
  }

  /**
   * RFC 4180 quoting; a cell a spreadsheet would run as a formula (an alert's message is written by
   * whoever sent the alert) is prefixed with an apostrophe so it stays text.
   */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0
        || !v.equals(value)) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String time(Instant value) {
    return value == null ? "" : value.toString();
  }
}
