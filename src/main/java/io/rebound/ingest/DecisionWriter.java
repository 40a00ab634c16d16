package io.rebound.ingest;

import io.rebound.incident.IncidentRecorder;
import io.rebound.incident.RecordedIncident;
import io.rebound.incident.RequestIds;
import io.rebound.policy.Evaluation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what processing decided: the incident change and the delivery marked processed, in one
 * transaction per delivery's worth of effect. Deliveries are written in the order they were
 * decided, in batches, by one thread: during an alert storm one commit then covers every delivery
 * decided meanwhile (a commit per delivery was a sixth of processing's CPU), and a single writer
 * per instance means two batches never lock the same incidents in opposite orders. If anything in a
 * batch fails, its deliveries are written one by one, so one bad delivery cannot hold back its
 * neighbours and a retry never counts an occurrence twice.
 */
@Component
class DecisionWriter extends BatchingWriter<DecisionWriter.Decided> {

  private static final Logger log = LoggerFactory.getLogger(DecisionWriter.class);
  private static final int MAX_BATCH = 200;

  /**
   * A delivery and the decisions taken on its facts (one per failing row of a log search alert, one
   * for most bodies), waiting to be recorded.
   */
  record Decided(Delivery delivery, List<Evaluation> evaluations) {

    Decided {
      evaluations = List.copyOf(evaluations);
      if (evaluations.isEmpty()) {
        throw new IllegalArgumentException("a delivery is decided by at least one evaluation");
      }
    }

    Decided(Delivery delivery, Evaluation evaluation) {
      this(delivery, List.of(evaluation));
    }
  }

  /** Thrown inside a batch when a delivery was processed by someone else meanwhile. */
  private static final class AlreadyProcessed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyProcessed() {
      super(null, null, false, false);
    }
  }

  private final Inbox inbox;
  private final IncidentRecorder incidents;
  private final TransactionTemplate tx;
  private final IngestProperties properties;
  private final Clock clock;

  DecisionWriter(
      Inbox inbox,
      IncidentRecorder incidents,
      TransactionTemplate tx,
      IngestProperties properties,
      Optional<Clock> clock) {
    super(
        "decision-writer",
        1,
        properties.queueCapacity(),
        MAX_BATCH,
        properties.decisionBatchWait());
    this.inbox = inbox;
    this.incidents = incidents;
    this.tx = tx;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * Queues a decided delivery, waiting while the writer is behind (which slows the workers, not the
   * senders). Returns false when it could not be queued; the delivery then stays RECEIVED and the
   * retry sweep takes it after its lease.
   */
  boolean submit(Decided decided) {
    try {
      return enqueue(decided, 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Records a failed processing attempt: retried after a growing backoff, then FAILED. */
  void failed(Delivery delivery, RuntimeException e) {
    int attempt = delivery.attempts() + 1;
    boolean last = attempt >= properties.maxAttempts();
    Instant retryAt =
        last ? null : clock.instant().plus(properties.retryBackoff().multipliedBy(attempt));
    log.warn(
        "Processing delivery {} failed (attempt {} of {}): {}",
        delivery.id(),
        attempt,
        properties.maxAttempts(),
        e.toString());
    inbox.markAttemptFailed(
        delivery.id(), "Attempt " + attempt + " failed: " + e.getMessage(), retryAt);
  }

  /** Writes one batch (tests call it directly to choose what a batch holds). */
  @Override
  void write(List<Decided> batch) {
    if (batch.size() > 1) {
      try {
        tx.executeWithoutResult(s -> recordAll(batch));
        return;
      } catch (RuntimeException e) {
        log.debug("A batch of {} failed ({}); writing them one by one", batch.size(), e.toString());
      }
    }
    for (Decided decided : batch) {
      try {
        tx.executeWithoutResult(
            s -> {
              if (!record(decided)) {
                s.setRollbackOnly(); // another worker processed it first: keep its result only
              }
            });
      } catch (RuntimeException e) {
        failed(decided.delivery(), e);
      }
    }
  }

  /**
   * A whole batch in one transaction: the repeats of one failure become one incident update, the
   * deliveries are marked processed in one statement batch. Throws if any of them was processed
   * meanwhile (or the batch could not be counted exactly), so the batch is written one by one.
   */
  private void recordAll(List<Decided> batch) {
    IncidentRecorder.Batch recorder = incidents.batch();
    List<Inbox.Processed> processed = new ArrayList<>(batch.size());
    Set<UUID> seen = new HashSet<>();
    for (Decided decided : batch) {
      if (!seen.add(decided.delivery().id())) {
        throw new AlreadyProcessed(); // decided twice (a sweep and a worker)
      }
      RecordedIncident first = null;
      for (Evaluation evaluation : decided.evaluations()) {
        RecordedIncident recorded =
            recorder.record(evaluation, decided.delivery().id(), decided.delivery().requestedBy());
        first = first == null ? recorded : first;
      }
      processed.add(new Inbox.Processed(decided.delivery().id(), first.incidentId()));
    }
    recorder.flush();
    if (!inbox.markAllProcessed(processed, clock.instant())) {
      throw new AlreadyProcessed();
    }
  }

  /**
   * The incident changes and the delivery's new state; false if it was processed meanwhile. The
   * delivery points at its first incident; the others name the delivery in their audit trail.
   */
  private boolean record(Decided decided) {
    Delivery delivery = decided.delivery();
    // one writer thread records many senders' deliveries: each under its own request id
    try (RequestIds.Scope scope = RequestIds.open(DeliveryRequestId.of(delivery))) {
      RecordedIncident first = null;
      for (Evaluation evaluation : decided.evaluations()) {
        RecordedIncident recorded =
            incidents.record(evaluation, delivery.id(), delivery.requestedBy());
        first = first == null ? recorded : first;
      }
      return inbox.markProcessed(delivery.id(), first.incidentId(), clock.instant());
    }
  }
}
