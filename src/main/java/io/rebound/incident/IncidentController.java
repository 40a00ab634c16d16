package io.rebound.incident;

import io.rebound.failure.Environment;
import io.rebound.failure.Source;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Incidents for on-call: the list with filters, and one incident with everything behind it. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

  private final IncidentStore store;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final ObjectProvider<IncidentAnnex> annexes;

  IncidentController(
      IncidentStore store,
      AuditTrail audit,
      ObjectMapper json,
      ObjectProvider<IncidentAnnex> annexes) {
    this.store = store;
    this.audit = audit;
    this.json = json;
    this.annexes = annexes;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String errorType,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    IncidentStore.Filter filter = filter(status, source, errorType, environment, from, to);
    int p = QueryParams.range("page", page, 0, 0, 1_000_000);
    int s = QueryParams.range("size", size, 50, 1, 500);
    List<Map<String, Object>> items = store.list(filter, p, s).stream().map(this::summary).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("page", p);
    body.put("size", s);
    body.put("total", store.count(filter));
    return body;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    UUID incidentId = QueryParams.uuid("id", id);
    IncidentRow row =
        store
            .find(incidentId)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No incident with id " + incidentId));
    Map<String, Object> body = summary(row);
    body.put("fingerprint", row.fingerprint());
    body.put("statusReason", row.statusReason());
    body.put("fact", tree(row.factJson()));
    body.put("decision", tree(row.decisionJson()));
    body.put("explanation", tree(row.explanationJson()));
    body.put("policyVersion", row.policyVersion());
    annexes.orderedStream().forEach(a -> body.put(a.name(), a.about(incidentId).orElse(null)));
    body.put("audit", audit.find(new AuditTrail.Query(incidentId, null, null, null, null, 1000)));
    return body;
  }

  /** The list's filters, checked: shared with the CSV export so both select the same rows. */
  static IncidentStore.Filter filter(
      String status, String source, String errorType, String environment, String from, String to) {
    return new IncidentStore.Filter(
        QueryParams.oneOf(
            "status", status, IncidentStatus::fromName, Arrays.toString(IncidentStatus.values())),
        sourceId(source),
        errorType == null || errorType.isBlank() ? null : errorType.trim(),
        environmentId(environment),
        QueryParams.time("from", from),
        QueryParams.time("to", to));
  }

  private Map<String, Object> summary(IncidentRow row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", row.id());
    m.put("status", row.status());
    m.put("source", row.source());
    m.put("environment", row.environment());
    m.put("resource", row.resource());
    m.put("errorType", row.errorType());
    m.put("category", row.category());
    m.put("severity", row.severity());
    m.put("priority", row.priority());
    m.put("errorMessage", row.errorMessage());
    m.put("occurrences", row.occurrences());
    m.put("firstSeen", row.firstSeen());
    m.put("lastSeen", row.lastSeen());
    m.put("resolvedAt", row.resolvedAt());
    return m;
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }

  static String sourceId(String source) {
    return QueryParams.oneOf(
        "source",
        source,
        v -> Source.fromId(v).map(Source::id),
        Arrays.stream(Source.values()).map(Source::id).toList().toString());
  }

  static String environmentId(String environment) {
    return QueryParams.oneOf(
        "environment",
        environment,
        v -> Environment.fromId(v).map(Environment::id),
        "production, staging, development");
  }
}
