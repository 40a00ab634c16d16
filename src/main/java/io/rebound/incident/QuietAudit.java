package io.rebound.incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An audit line from work that must go on whatever the database says (ticket and AI work running on
 * their own threads): a write that fails is logged, never thrown.
 */
@Component
public class QuietAudit {

  private static final Logger log = LoggerFactory.getLogger(QuietAudit.class);

  private final IncidentLifecycle lifecycle;

  QuietAudit(IncidentLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /**
   * @param keysAndValues the event's details, key after value; null values are left out
   */
  public void record(UUID incidentId, String actor, String action, Object... keysAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        details.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
      }
    }
    try {
      lifecycle.audit(incidentId, actor, action, details);
    } catch (RuntimeException e) {
      log.warn("Audit event {} for incident {} not written: {}", action, incidentId, e.toString());
    }
  }
}
