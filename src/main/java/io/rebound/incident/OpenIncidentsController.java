package io.rebound.incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What on-call is looking at right now: incidents still open, by severity and by status. */
@RestController
class OpenIncidentsController {

  private final IncidentStore store;

  OpenIncidentsController(IncidentStore store) {
    this.store = store;
  }

  @GetMapping("/api/stats/open")
  Map<String, Object> open() {
    Map<String, Long> bySeverity = new TreeMap<>();
    Map<String, Long> byStatus = new TreeMap<>();
    long total = 0;
    for (Object[] row : store.openBySeverityAndStatus()) {
      String severity = row[0] == null ? "none" : (String) row[0];
      long count = (Long) row[2];
      bySeverity.merge(severity, count, Long::sum);
      byStatus.merge((String) row[1], count, Long::sum);
      total += count;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", total);
    body.put("bySeverity", bySeverity);
    body.put("byStatus", byStatus);
    return body;
  }
}
