package io.rebound.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Webhook requests refused before anything was stored (no or wrong credentials, or too large to
 * check a signature): counted per endpoint and reason, and the last {@value #KEPT} kept in memory
 * with at most the first {@value #SAMPLE_BYTES} bytes of their body and only the harmless headers.
 * Anyone on the internet can send these, so none of it touches the database and all of it is
 * bounded; a restart forgets them.
 */
@Component
class RefusedRequests {

  static final int KEPT = 50;
  static final int SAMPLE_BYTES = 1024;

  private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);

  /** One refused request, as far as it is safe to keep. */
  record Sample(
      Instant at,
      String endpoint,
      String path,
      int httpStatus,
      String reason,
      String detail,
      Map<String, String> headers,
      String bodyStart,
      long bodySize) {}

  /** How many requests one endpoint refused for one reason. */
  record Count(String endpoint, String reason, long count) {}

  private record Key(String endpoint, String reason) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Sample> recent = new AtomicReferenceArray<>(KEPT);
  private final AtomicLong next = new AtomicLong();
  private final Clock clock;
  private final Instant since;

  RefusedRequests(Optional<Clock> clock) {
    this.clock = clock.orElse(Clock.systemUTC());
    this.since = this.clock.instant();
  }

  void record(
      WebhookEndpoint endpoint,
      String path,
      int httpStatus,
      WebhookAuthenticator.Rejection rejection,
      Map<String, String> headers,
      String bodyStart,
      long bodySize) {
    LongAdder counter =
        counts.computeIfAbsent(new Key(endpoint.id(), rejection.reason()), k -> new LongAdder());
    counter.increment();
    recent.set(
        (int) (next.getAndIncrement() % KEPT),
        new Sample(
            clock.instant(),
            endpoint.id(),
            path,
            httpStatus,
            rejection.reason(),
            rejection.detail(),
            Map.copyOf(headers),
            bodyStart,
            bodySize));
    long seen = counter.sum();
    if (seen == 1 || seen % 1000 == 0) { // a flood of refusals must not flood the log as well
      log.warn(
          "Refused {} webhook request(s) on {} ({}): {}. Nothing was stored; see GET"
              + " /api/deliveries/refused",
          seen,
          path,
          rejection.reason(),
          rejection.detail());
    }
  }

  /** Since when the counts run (the service's start). */
  Instant since() {
    return since;
  }

  List<Count> counts() {
    return counts.entrySet().stream()
        .map(e -> new Count(e.getKey().endpoint(), e.getKey().reason(), e.getValue().sum()))
        .sorted(Comparator.comparing(Count::endpoint).thenComparing(Count::reason))
        .toList();
  }

  /** The kept samples, newest first. */
  List<Sample> recent() {
    List<Sample> samples = new ArrayList<>(KEPT);
    for (long i = next.get() - 1; i >= 0 && samples.size() < KEPT; i--) {
      Sample s = recent.get((int) (i % KEPT));
      if (s != null) {
        samples.add(s);
      }
    }
    return samples;
  }
}
