package io.rebound.ticket;

import io.rebound.incident.IncidentAnnex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The incident's Jira issue in {@code GET /api/incidents/{id}}, as {@code "ticket"}. */
@Component
class TicketAnnex implements IncidentAnnex {

  private final TicketStore store;

  TicketAnnex(TicketStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "ticket";
  }

  @Override
  public Optional<Object> about(UUID incidentId) {
    return store
        .forIncident(incidentId)
        .map(
            t -> {
              Map<String, Object> ticket = new LinkedHashMap<>();
              ticket.put("system", "jira");
              ticket.put("key", t.key());
              ticket.put("url", t.url());
              ticket.put("createdAt", t.createdAt());
              ticket.put("status", t.status());
              ticket.put("statusChangedAt", t.statusAt());
              return ticket;
            });
  }
}
