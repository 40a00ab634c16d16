package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.policy.Decision;
import io.rebound.policy.Evaluation;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a decided fact into incident changes: a failure opens an incident or counts one more
 * occurrence of the open one with the same fingerprint; a success or resolved alert resolves the
 * open incidents of its resource. Runs in the caller's transaction so that the delivery is marked
 * processed exactly when its incident change commits.
 *
 * <p>A decision is handed to remediation inside that same transaction ({@link IncidentDecided} is
 * published before the commit, and remediation only writes a durable start record there): the
 * decision and the work it requires commit together or not at all, and no crash can fall between
 * them.
 */
@Service
public class IncidentRecorder {

  static final String ACTOR = "rebound";

  private final IncidentStore store;
  private final IncidentTransitions transitions;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;
  private final IncidentProperties properties;
  private final Clock clock;

  IncidentRecorder(
      IncidentStore store,
      IncidentTransitions transitions,
      AuditTrail audit,
      ObjectMapper json,
      ApplicationEventPublisher events,
      IncidentProperties properties,
      Optional<Clock> clock) {
    this.store = store;
    this.transitions = transitions;
    this.audit = audit;
    this.json = json;
    this.events = events;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * @param deliveryId the inbox delivery the fact came from, for the audit trail (may be null)
   */
  @Transactional
  public RecordedIncident record(Evaluation evaluation, UUID deliveryId) {
    return record(evaluation, deliveryId, null);
  }

  /**
   * @param requestedBy who asked for this evaluation when it was not the platform (the operator who
   *     replayed a delivery); null for platform deliveries. A plan the incident starts is requested
   *     by that person, who therefore cannot approve it.
   */
  @Transactional
  public RecordedIncident record(Evaluation evaluation, UUID deliveryId, String requestedBy) {
    FailureFact fact = evaluation.fact();
    Instant now = clock.instant();
    Fingerprint fingerprint = Fingerprint.of(fact, properties.clusterBucket(), now);
    if (!evaluation.decision().failure()) {
      return resolveIfRecovered(fact, fingerprint, deliveryId);
    }
    // Three rounds: an update that misses, an insert that loses the race, then the update wins.
    for (int round = 0; round < 3; round++) {
      Optional<UUID> existing = store.addOccurrence(fingerprint.value(), now);
      if (existing.isPresent()) {
        audit.record(
            ACTOR,
            "incident.occurrence",
            existing.get(),
            deliveryId,
            fingerprint.resourceLabel(),
            Map.of("fingerprint", fingerprint.value()));
        return new RecordedIncident(existing.get(), RecordedIncident.Effect.REPEATED);
      }
      IncidentRow row = newIncident(evaluation, fingerprint, now);
      if (store.insertIfAbsent(row)) {
        decide(row, evaluation, deliveryId, requestedBy);
        return new RecordedIncident(row.id(), RecordedIncident.Effect.OPENED);
      }
    }
    throw new IllegalStateException(
        "Could not open or update the incident for fingerprint " + fingerprint.value());
  }

  /**
   * Records many decided facts in the caller's transaction, in order, counting the repeats of one
   * fingerprint as one incident update: during an alert storm a batch of hundreds of deliveries
   * often holds a handful of failures, each many times over. Call {@link Batch#flush()} before the
   * transaction commits.
   */
  public Batch batch() {
    return new Batch();
  }

  /**
   * The repeats a batch has counted but not written yet. Each repeat still gets its own audit event
   * naming its delivery; the occurrence count is written once per incident, when the batch is
   * flushed, or earlier when a success or resolved alert in the batch could close the incident.
   */
  public final class Batch {

    private final Map<String, Repeats> repeats = new HashMap<>();
    private final List<AuditTrail.Pending> events = new ArrayList<>();

    private Batch() {}

    /** Like {@link IncidentRecorder#record(Evaluation, UUID, String)}, in a batch. */
    public RecordedIncident record(Evaluation evaluation, UUID deliveryId, String requestedBy) {
      FailureFact fact = evaluation.fact();
      Instant now = clock.instant();
      Fingerprint fingerprint = Fingerprint.of(fact, properties.clusterBucket(), now);
      if (!evaluation.decision().failure()) {
        flush(); // it may close an incident this batch counted repeats of
        return resolveIfRecovered(fact, fingerprint, deliveryId);
      }
      Repeats counted = repeats.get(fingerprint.value());
      if (counted == null) {
        Optional<UUID> open = store.findOpen(fingerprint.value());
        if (open.isEmpty()) {
          IncidentRow row = newIncident(evaluation, fingerprint, now);
          if (!store.insertIfAbsent(row)) {
            // another transaction opened it meanwhile: the one-by-one path waits for it
            return IncidentRecorder.this.record(evaluation, deliveryId, requestedBy);
          }
          decide(row, evaluation, deliveryId, requestedBy);
          repeats.put(fingerprint.value(), new Repeats(row.id(), fingerprint.value()));
          return new RecordedIncident(row.id(), RecordedIncident.Effect.OPENED);
        }
        counted = new Repeats(open.get(), fingerprint.value());
        repeats.put(fingerprint.value(), counted);
      }
      counted.add(now);
      events.add(
          new AuditTrail.Pending(
              OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
              ACTOR,
              "incident.occurrence",
              counted.incidentId,
              deliveryId,
              fingerprint.resourceLabel(),
              Map.of("fingerprint", fingerprint.value()),
              RequestIds.current()));
      return new RecordedIncident(counted.incidentId, RecordedIncident.Effect.REPEATED);
    }

    /**
     * Writes the counted repeats, one update per incident, and their audit events. Throws when an
     * incident was closed by someone else meanwhile: the caller then records the batch's facts one
     * by one, so no repeat is lost or counted against the wrong incident.
     */
    public void flush() {
      for (Repeats r : repeats.values()) {
        if (r.count > 0
            && !store.addOccurrences(r.incidentId, r.fingerprint, r.count, r.lastSeen)) {
          throw new IllegalStateException(
              "Incident " + r.incidentId + " was closed while repeats of it were being counted");
        }
      }
      repeats.clear();
      audit.recordAll(events);
      events.clear();
    }
  }

  /** Repeats of one open incident counted in a batch. */
  private static final class Repeats {
    private final UUID incidentId;
    private final String fingerprint;
    private int count;
    private Instant lastSeen;

    Repeats(UUID incidentId, String fingerprint) {
      this.incidentId = incidentId;
      this.fingerprint = fingerprint;
    }

    void add(Instant seenAt) {
      count++;
      lastSeen = lastSeen == null || seenAt.isAfter(lastSeen) ? seenAt : lastSeen;
    }
  }

  private void decide(IncidentRow row, Evaluation evaluation, UUID deliveryId, String requestedBy) {
    Decision decision = evaluation.decision();
    Map<String, Object> opened = new LinkedHashMap<>();
    opened.put("fingerprint", row.fingerprint());
    opened.put("source", row.source());
    opened.put("environment", row.environment());
    opened.put("errorMessage", row.errorMessage());
    audit.record(ACTOR, "incident.opened", row.id(), deliveryId, row.resource(), opened);

    Map<String, Object> decided = new LinkedHashMap<>();
    decided.put("errorType", decision.errorType());
    decided.put("severity", decision.severity());
    decided.put("priority", decision.priority());
    decided.put("remediable", decision.remediable());
    decided.put("approvalRequired", decision.approvalRequired());
    decided.put("playbook", decision.playbook() == null ? null : decision.playbook().action());
    decided.put("policyVersion", evaluation.policyVersion());
    decided.put("reasons", decision.reasons());
    transitions.move(row.id(), IncidentStatus.DECIDED, ACTOR, "incident.decided", null, decided);

    String requestId = RequestIds.current();
    if (requestId != null) {
      store.attachRequestId(row.id(), requestId);
    }
    events.publishEvent(
        new IncidentDecided(row.id(), evaluation.fact(), evaluation, requestedBy, requestId));
  }

  private RecordedIncident resolveIfRecovered(
      FailureFact fact, Fingerprint fingerprint, UUID deliveryId) {
    if (fact.outcome() != Outcome.SUCCEEDED && fact.outcome() != Outcome.RESOLVED) {
      return new RecordedIncident(null, RecordedIncident.Effect.NONE);
    }
    if (fingerprint.resourceKey() == null && fingerprint.alertKey() == null) {
      return new RecordedIncident(null, RecordedIncident.Effect.NONE);
    }
    List<IncidentRow> open =
        store.findOpenByKeys(fingerprint.resourceKey(), fingerprint.alertKey());
    UUID first = null;
    for (IncidentRow incident : open) {
      if (!incident.status().canMoveTo(IncidentStatus.RESOLVED)) {
        continue; // still OPEN: its decision has not been recorded yet
      }
      String reason =
          fact.outcome() == Outcome.RESOLVED
              ? "The alert was resolved by Azure Monitor"
              : "A later run of the same resource succeeded";
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reason", reason);
      details.put("outcome", fact.outcome().name());
      transitions.move(
          incident.id(),
          IncidentStatus.RESOLVED,
          ACTOR,
          "incident.resolved",
          reason,
          details,
          deliveryId);
      first = first == null ? incident.id() : first;
    }
    return first == null
        ? new RecordedIncident(null, RecordedIncident.Effect.NONE)
        : new RecordedIncident(first, RecordedIncident.Effect.RESOLVED);
  }

  private IncidentRow newIncident(Evaluation evaluation, Fingerprint fingerprint, Instant now) {
    FailureFact fact = evaluation.fact();
    Decision decision = evaluation.decision();
    return new IncidentRow(
        UUID.randomUUID(),
        fingerprint.value(),
        fingerprint.resourceKey(),
        fingerprint.alertKey(),
        fact.source().id(),
        fact.environment().id(),
        fingerprint.resourceLabel(),
        IncidentStatus.OPEN,
        decision.errorType(),
        decision.category(),
        decision.severity() == null ? null : decision.severity().id(),
        decision.priority() == null ? null : decision.priority().name(),
        fact.errorMessage(),
        json.writeValueAsString(fact),
        json.writeValueAsString(decision),
        json.writeValueAsString(evaluation.explanation()),
        evaluation.policyVersion(),
        1,
        now,
        now,
        null,
        null,
        0);
  }
}
