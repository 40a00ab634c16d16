package io.rebound.ingest;

import io.rebound.incident.AuditTrail;
import io.rebound.incident.RequestIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Stores deliveries with group commit: request threads hand over their delivery and wait; a writer
 * stores everything waiting in a single transaction and wakes them once it has committed. When
 * nothing is waiting, a request thread stores its own delivery (no hand-over). A few writers run
 * side by side so one slow commit does not hold up the next batch. A commit (an fsync on
 * PostgreSQL) per delivery would cap intake at the disk's flush rate; this way one flush covers
 * every delivery that arrived meanwhile, and no sender is answered before its delivery is durable.
 */
@Component
class InboxWriter extends BatchingWriter<InboxWriter.Pending> {

  private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);
  private static final int MAX_BATCH = 256;

  /** A delivery with the audit event that records its arrival. */
  record Entry(Delivery delivery, String actor, String action, Map<String, Object> details) {}

  /** An entry and the answer its request thread waits for. */
  record Pending(Entry entry, CompletableFuture<Void> stored) {}

  private final Inbox inbox;
  private final AuditTrail audit;
  private final TransactionTemplate tx;

  InboxWriter(Inbox inbox, AuditTrail audit, TransactionTemplate tx, IngestProperties properties) {
    super("inbox-writer", properties.writers(), 10_000, MAX_BATCH, Duration.ZERO);
    this.inbox = inbox;
    this.audit = audit;
    this.tx = tx;
  }

  /** Returns once the entry is committed; 503 if the database cannot keep up or is down. */
  void store(Entry entry) {
    Pending pending = new Pending(entry, new CompletableFuture<>());
    if (!writeHereIfIdle(pending) && !enqueue(pending)) {
      throw unavailable("Rebound is not accepting deliveries right now; the sender should retry");
    }
    try {
      pending.stored().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("Interrupted while storing the delivery; the sender should retry");
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable(
          "The delivery could not be stored (database unavailable); the sender should retry");
    }
  }

  @Override
  void write(List<Pending> batch) {
    try {
      tx.executeWithoutResult(s -> batch.forEach(p -> insert(p.entry())));
      batch.forEach(p -> p.stored().complete(null));
    } catch (RuntimeException e) {
      // One bad row must not fail its neighbours: store them one by one.
      for (Pending p : batch) {
        try {
          tx.executeWithoutResult(s -> insert(p.entry()));
          p.stored().complete(null);
        } catch (RuntimeException single) {
          log.error("Storing delivery {} failed", p.entry().delivery().id(), single);
          p.stored().completeExceptionally(single);
        }
      }
    }
  }

  private void insert(Entry entry) {
    Delivery d = entry.delivery();
    inbox.insert(d);
    // written on the batch writer's thread: the sender's request id comes from the delivery
    try (RequestIds.Scope scope = RequestIds.open(DeliveryRequestId.of(d))) {
      audit.record(entry.actor(), entry.action(), null, d.id(), d.source(), entry.details());
    }
  }

  private static ResponseStatusException unavailable(String reason) {
    return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, reason);
  }
}
