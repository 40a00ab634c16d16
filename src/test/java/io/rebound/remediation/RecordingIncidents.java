package io.rebound.remediation;

import io.rebound.incident.IncidentLifecycle;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double of the incident module until feat/ingest is merged: keeps each incident's state and
 * audit trail in memory, shared across application contexts (the restart test), and refuses the
 * same illegal transitions the real lifecycle does.
 */
class RecordingIncidents implements IncidentLifecycle {

  static final Map<UUID, String> STATES = new ConcurrentHashMap<>();
  static final Map<UUID, String> REASONS = new ConcurrentHashMap<>();
  static final Map<UUID, List<Audit>> AUDITS = new ConcurrentHashMap<>();

  record Audit(String actor, String action, Map<String, Object> details) {}

  static void open(UUID incidentId) {
    STATES.put(incidentId, "DECIDED");
  }

  static String state(UUID incidentId) {
    return STATES.get(incidentId);
  }

  static List<Audit> audits(UUID incidentId) {
    return AUDITS.getOrDefault(incidentId, List.of());
  }

  static List<String> actions(UUID incidentId) {
    return audits(incidentId).stream().map(Audit::action).toList();
  }

  @Override
  public synchronized void markRemediating(UUID incidentId, String actor, String detail) {
    move(incidentId, "REMEDIATING", detail, "DECIDED");
  }

  @Override
  public synchronized void markResolved(UUID incidentId, String actor, String reason) {
    move(incidentId, "RESOLVED", reason, "DECIDED", "REMEDIATING");
  }

  @Override
  public synchronized void markEscalated(UUID incidentId, String actor, String reason) {
    move(incidentId, "ESCALATED", reason, "DECIDED", "REMEDIATING");
  }

  @Override
  public void audit(UUID incidentId, String actor, String action, Map<String, Object> details) {
    AUDITS
        .computeIfAbsent(incidentId, id -> new CopyOnWriteArrayList<>())
        .add(new Audit(actor, action, Map.copyOf(details)));
  }

  private void move(UUID incidentId, String to, String reason, String... from) {
    String current = STATES.get(incidentId);
    if (current == null || !List.of(from).contains(current)) {
      throw new IllegalStateException(
          "Incident " + incidentId + " is " + current + ", not " + List.of(from));
    }
    STATES.put(incidentId, to);
    REASONS.put(incidentId, reason);
    audit(
        incidentId,
        "rebound",
        "incident." + to.toLowerCase(),
        Map.of("reason", String.valueOf(reason)));
  }
}
