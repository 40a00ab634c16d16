package io.rebound.ingest;

import io.rebound.extract.FactExtractor;
import io.rebound.extract.UnreadablePayloadException;
import io.rebound.failure.FailureFact;
import io.rebound.incident.IncidentRecorder;
import io.rebound.incident.RecordedIncident;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Evaluation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Processes stored deliveries off the request thread: extract, enrich (Databricks), decide, record
 * the incident. A bounded pool takes fresh deliveries; a sweep over the inbox picks up anything the
 * pool could not take, anything whose attempt failed (with backoff) and anything left over from
 * before a restart. A delivery is marked processed in the same transaction as its incident change,
 * so a retry never counts an occurrence twice.
 */
@Service
class DeliveryProcessor implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

  private final Inbox inbox;
  private final FactExtractor extractor;
  private final DatabricksEnricher enricher;
  private final DecisionService decisions;
  private final IncidentRecorder incidents;
  private final ObjectMapper json;
  private final TransactionTemplate tx;
  private final IngestProperties properties;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final ThreadPoolExecutor databricksPool;
  private final OverflowWarning overflowWarning;

  DeliveryProcessor(
      Inbox inbox,
      FactExtractor extractor,
      DatabricksEnricher enricher,
      DecisionService decisions,
      IncidentRecorder incidents,
      ObjectMapper json,
      TransactionTemplate tx,
      IngestProperties properties,
      Optional<Clock> clock) {
    this.inbox = inbox;
    this.extractor = extractor;
    this.enricher = enricher;
    this.decisions = decisions;
    this.incidents = incidents;
    this.json = json;
    this.tx = tx;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
    this.pool = newPool("delivery-worker-", properties.workers(), properties.queueCapacity());
    this.databricksPool =
        newPool("databricks-worker-", properties.databricksWorkers(), properties.queueCapacity());
    this.overflowWarning = new OverflowWarning(this.clock);
  }

  /**
   * During a storm thousands of deliveries a second can overflow the queue; one warning line each
   * would flood the log (and slow intake). Says it once, then at most once a minute with a count.
   */
  static final class OverflowWarning {
    private static final java.time.Duration EVERY = java.time.Duration.ofMinutes(1);
    private final Clock clock;
    private final AtomicInteger since = new AtomicInteger();
    private volatile Instant last = Instant.MIN;

    OverflowWarning(Clock clock) {
      this.clock = clock;
    }

    void record() {
      int count = since.incrementAndGet();
      Instant now = clock.instant();
      if (now.isBefore(last.plus(EVERY))) {
        return;
      }
      synchronized (this) {
        if (now.isBefore(last.plus(EVERY))) {
          return;
        }
        last = now;
        count = since.getAndSet(0);
      }
      log.warn(
          "Processing queue full: {} delivery(ies) stored but not queued since the last warning;"
              + " they wait in the inbox for the retry sweep (rebound.ingest.queue-capacity)",
          count);
    }
  }

  private static ThreadPoolExecutor newPool(String name, int threads, int capacity) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(capacity),
        r -> {
          Thread t = new Thread(r, name + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Hands a stored delivery to a worker; if all are busy the sweep will find it after its lease.
   */
  void submit(UUID deliveryId, String source) {
    try {
      poolFor(source).execute(() -> process(deliveryId));
    } catch (RejectedExecutionException e) {
      overflowWarning.record();
    }
  }

  /**
   * Databricks deliveries may wait seconds on the Databricks API (enrichment), so they get their
   * own workers: a slow workspace never delays the processing of other platforms' failures.
   */
  private ThreadPoolExecutor poolFor(String source) {
    return WebhookEndpoint.DATABRICKS.id().equals(source) ? databricksPool : pool;
  }

  @Scheduled(
      fixedDelayString = "${rebound.ingest.sweep-interval:10s}",
      initialDelayString = "${rebound.ingest.sweep-interval:10s}")
  void sweep() {
    Instant now = clock.instant();
    int room =
        Math.min(
            pool.getQueue().remainingCapacity(), databricksPool.getQueue().remainingCapacity());
    if (room == 0) {
      return;
    }
    for (Inbox.Due due : inbox.due(now, Math.min(room, 500))) {
      if (inbox.claim(due.id(), now, now.plus(properties.lease()))) {
        submit(due.id(), due.source());
      }
    }
  }

  void process(UUID deliveryId) {
    Delivery delivery = inbox.find(deliveryId).orElse(null);
    if (delivery == null || delivery.status() != Delivery.Status.RECEIVED) {
      return;
    }
    try {
      FailureFact fact = extractor.extract(delivery.source(), json.readTree(delivery.body()));
      FailureFact enriched = enricher.enrich(fact);
      Evaluation evaluation = decisions.evaluate(enriched);
      tx.executeWithoutResult(
          s -> {
            RecordedIncident recorded =
                incidents.record(evaluation, deliveryId, delivery.requestedBy());
            if (!inbox.markProcessed(deliveryId, recorded.incidentId(), clock.instant())) {
              s.setRollbackOnly(); // another worker processed it first: keep its result only
            }
          });
    } catch (UnreadablePayloadException e) {
      inbox.markAttemptFailed(deliveryId, "Unreadable payload: " + e.getMessage(), null);
    } catch (RuntimeException e) {
      int attempt = delivery.attempts() + 1;
      boolean last = attempt >= properties.maxAttempts();
      Instant retryAt =
          last ? null : clock.instant().plus(properties.retryBackoff().multipliedBy(attempt));
      log.warn(
          "Processing delivery {} failed (attempt {} of {}): {}",
          deliveryId,
          attempt,
          properties.maxAttempts(),
          e.toString());
      inbox.markAttemptFailed(
          deliveryId, "Attempt " + attempt + " failed: " + e.getMessage(), retryAt);
    }
  }

  /** For tests and the benchmark: true once no worker is busy and nothing is queued. */
  boolean idle() {
    return pool.getActiveCount() == 0
        && pool.getQueue().isEmpty()
        && databricksPool.getActiveCount() == 0
        && databricksPool.getQueue().isEmpty();
  }

  @Override
  public void destroy() throws InterruptedException {
    for (ThreadPoolExecutor p : List.of(pool, databricksPool)) {
      p.shutdown();
      // Deliveries still queued are stored as RECEIVED: the sweep takes them after the restart.
      // Working through thousands of them here would only hold up the shutdown.
      p.getQueue().clear();
      if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
        p.shutdownNow(); // unfinished deliveries stay RECEIVED and are swept after restart
      }
    }
  }
}
