package io.rebound.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The one place an incident's status changes: checks the transition is allowed, writes it with a
 * version check (retrying if another writer got there first), audits it and publishes {@link
 * IncidentStatusChanged} in the same transaction.
 */
@Component
class IncidentTransitions {

  private final IncidentStore store;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  IncidentTransitions(
      IncidentStore store,
      AuditTrail audit,
      ApplicationEventPublisher events,
      Optional<Clock> clock) {
    this.store = store;
    this.audit = audit;
    this.events = events;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Transactional
  void move(
      UUID id,
      IncidentStatus target,
      String actor,
      String action,
      String reason,
      Map<String, Object> details) {
    move(id, target, actor, action, reason, details, null);
  }

  @Transactional
  void move(
      UUID id,
      IncidentStatus target,
      String actor,
      String action,
      String reason,
      Map<String, Object> details,
      UUID deliveryId) {
    for (int attempt = 0; attempt < 5; attempt++) {
      IncidentRow incident =
          store
              .find(id)
              .orElseThrow(
                  () ->
                      new ResponseStatusException(
                          HttpStatus.NOT_FOUND, "No incident with id " + id));
      IncidentStatus from = incident.status();
      from.moveTo(target);
      Instant now = clock.instant();
      if (store.updateStatus(id, incident.version(), target, reason, now)) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("from", from.name());
        all.put("to", target.name());
        if (reason != null) {
          all.put("reason", reason);
        }
        if (details != null) {
          all.putAll(details);
        }
        audit.record(actor, action, id, deliveryId, incident.resource(), all);
        events.publishEvent(new IncidentStatusChanged(id, from, target, actor, reason));
        return;
      }
    }
    throw new IllegalStateException(
        "Incident " + id + " kept changing while moving it to " + target + "; try again");
  }
}
