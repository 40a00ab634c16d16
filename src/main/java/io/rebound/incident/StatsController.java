package io.rebound.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Numbers for the weekly review: incidents by error type and status, how many Rebound resolved
 * without a human (resolved ÷ (resolved + escalated)), and the mean time from first seen to
 * resolved.
 */
@RestController
class StatsController {

  private final IncidentStore store;

  StatsController(IncidentStore store) {
    this.store = store;
  }

  @GetMapping("/api/stats")
  Map<String, Object> stats(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Instant f = QueryParams.time("from", from);
    Instant t = QueryParams.time("to", to);
    Map<String, Long> byStatus = counts(store.countBy("status", f, t));
    long resolved = byStatus.getOrDefault("RESOLVED", 0L);
    long escalated = byStatus.getOrDefault("ESCALATED", 0L);
    List<Instant[]> times = store.resolvedTimes(f, t);
    Double meanSeconds =
        times.isEmpty()
            ? null
            : times.stream()
                    .mapToLong(p -> Duration.between(p[0], p[1]).toMillis())
                    .average()
                    .orElse(0)
                / 1000.0;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", f);
    body.put("to", t);
    body.put("total", byStatus.values().stream().mapToLong(Long::longValue).sum());
    body.put("byErrorType", counts(store.countBy("error_type", f, t)));
    body.put("byStatus", byStatus);
    body.put(
        "autoResolutionRate",
        resolved + escalated == 0 ? null : (double) resolved / (resolved + escalated));
    body.put("meanTimeToResolveSeconds", meanSeconds);
    return body;
  }

  private static Map<String, Long> counts(List<Object[]> rows) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Object[] row : rows) {
      out.put(row[0] == null ? "none" : (String) row[0], (Long) row[1]);
    }
    return out;
  }
}
