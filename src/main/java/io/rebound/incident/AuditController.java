package io.rebound.incident;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, filtered by incident, resource, action and time. */
@RestController
class AuditController {

  private final AuditTrail audit;

  AuditController(AuditTrail audit) {
    this.audit = audit;
  }

  @GetMapping("/api/audit")
  List<AuditTrail.AuditEvent> find(
      @RequestParam(required = false) String incidentId,
      @RequestParam(required = false) String resource,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer limit) {
    return audit.find(
        new AuditTrail.Query(
            QueryParams.uuid("incidentId", incidentId),
            blankToNull(resource),
            blankToNull(action),
            QueryParams.time("from", from),
            QueryParams.time("to", to),
            QueryParams.range("limit", limit, 500, 1, 5000)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
