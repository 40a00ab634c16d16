package io.rebound.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook requests refused before storage: who is knocking with which wrong credentials. Counts
 * since the service started and the last few requests, never a presented secret.
 */
@RestController
class RefusedRequestsController {

  private final RefusedRequests refused;

  RefusedRequestsController(RefusedRequests refused) {
    this.refused = refused;
  }

  @GetMapping("/api/deliveries/refused")
  Map<String, Object> refused() {
    var counts = refused.counts();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("since", refused.since());
    body.put("total", counts.stream().mapToLong(RefusedRequests.Count::count).sum());
    body.put("counts", counts);
    body.put("recent", refused.recent());
    return body;
  }
}
