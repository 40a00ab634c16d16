package io.rebound.ingest;

import io.rebound.extract.FactReader;
import io.rebound.failure.FailureFact;
import io.rebound.incident.RequestIds;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Evaluation;
import io.rebound.policy.StateGatherer;
import java.time.Clock;
import java.time.Duration;
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
import tools.jackson.databind.ObjectMapper;

/**
 * Processes stored deliveries off the request thread: read (extract + enrich, the same reader the
 * what-if uses), decide, record one incident per failure the body reports. A bounded pool takes
 * fresh deliveries; a sweep over the inbox picks up anything the pool could not take, anything
 * whose attempt failed (with backoff) and anything left over from before a restart. The decision
 * writer then records each delivery's incident change and marks it processed in the same
 * transaction, so a retry never counts an occurrence twice.
 */
@Service
class DeliveryProcessor implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
  static final int MAX_QUEUED_BODY = 16 * 1024;

  private final Inbox inbox;
  private final FactReader reader;
  private final DecisionService decisions;
  private final StateGatherer state;
  private final DecisionWriter writer;
  private final ObjectMapper json;
  private final IngestProperties properties;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final ThreadPoolExecutor databricksPool;
  private final OverflowWarning overflowWarning;

  DeliveryProcessor(
      Inbox inbox,
      FactReader reader,
      DecisionService decisions,
      StateGatherer state,
      DecisionWriter writer,
      ObjectMapper json,
      IngestProperties properties,
      Optional<Clock> clock) {
    this.inbox = inbox;
    this.reader = reader;
    this.decisions = decisions;
    this.state = state;
    this.writer = writer;
    this.json = json;
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
    private static final Duration EVERY = Duration.ofMinutes(1);
    private final Clock clock;
    private final AtomicInteger since = new AtomicInteger();
    private volatile Instant last = Instant.MIN;

    OverflowWarning(Clock clock) {
      this.clock = clock;
    }

    void record() {
      since.incrementAndGet();
      Instant now = clock.instant();
      if (now.isBefore(last.plus(EVERY))) {
        return;
      }
      int count;
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
   * Hands a stored delivery to a worker; if all are busy the sweep will find it after its lease. An
   * alert's body (a few KB) waits in the queue with it; a larger one is read back from the inbox by
   * the worker, so a full queue never holds thousands of large bodies in memory.
   */
  void submit(Delivery delivery) {
    if (delivery.body().length > MAX_QUEUED_BODY) {
      submit(delivery.id(), delivery.source());
    } else {
      submit(delivery.id(), delivery.source(), () -> process(delivery));
    }
  }

  /** Hands a delivery known only by id (the sweep's) to a worker, which reads it from the inbox. */
  void submit(UUID deliveryId, String source) {
    submit(deliveryId, source, () -> process(deliveryId));
  }

  private void submit(UUID deliveryId, String source, Runnable work) {
    try {
      poolFor(source).execute(work);
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
    // After a storm overflowed the queue (or a restart) tens of thousands may be due: keep taking
    // pages while the workers have room, rather than 500 per sweep interval.
    while (true) {
      Instant now = clock.instant();
      int room =
          Math.min(
              pool.getQueue().remainingCapacity(), databricksPool.getQueue().remainingCapacity());
      if (room == 0) {
        return;
      }
      List<Inbox.Due> due = inbox.due(now, Math.min(room, 500));
      for (Inbox.Due d : due) {
        if (inbox.claim(d.id(), now, now.plus(properties.lease()))) {
          submit(d.id(), d.source());
        }
      }
      if (due.size() < Math.min(room, 500)) {
        return;
      }
    }
  }

  void process(UUID deliveryId) {
    Delivery delivery = inbox.find(deliveryId).orElse(null);
    if (delivery != null) {
      process(delivery);
    }
  }

  /** One incident per fact: a log search alert with several failing rows is several failures. */
  private void process(Delivery delivery) {
    UUID deliveryId = delivery.id();
    if (delivery.status() != Delivery.Status.RECEIVED) {
      return;
    }
    try (RequestIds.Scope scope = RequestIds.open(DeliveryRequestId.of(delivery))) {
      List<FailureFact> facts = reader.extract(delivery.source(), json.readTree(delivery.body()));
      List<Evaluation> evaluations =
          facts.stream().map(fact -> decide(reader.enrich(fact).fact())).toList();
      log.debug(
          "Delivery {} from {} decided: {}",
          deliveryId,
          delivery.source(),
          evaluations.stream().map(e -> e.decision().errorType()).toList());
      if (!writer.submit(new DecisionWriter.Decided(delivery.withoutBody(), evaluations))) {
        log.debug("Delivery {} left for the retry sweep: the decision writer is full", deliveryId);
      }
    } catch (RuntimeException e) {
      writer.failed(delivery, e);
    }
  }

  /** The state of the fact's resource is read just before the decision that reads it. */
  private Evaluation decide(FailureFact fact) {
    return decisions.evaluate(fact, state.gather(fact));
  }

  /** For tests and the benchmark: true once no worker is busy and nothing is queued. */
  boolean idle() {
    return pool.getActiveCount() == 0
        && pool.getQueue().isEmpty()
        && writer.idle()
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
