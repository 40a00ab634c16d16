package io.rebound.incident;

import io.rebound.failure.FailureFact;
import io.rebound.policy.StateCache;
import io.rebound.policy.StateGatherer.FailureHistory;
import io.rebound.policy.StateProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * How often a failure's resource failed before, for the guards: incidents of the same resource (one
 * per real failure; a re-sent alert is an occurrence, not another failure) first seen in the last
 * hour and day, and those still open. The failure being decided is not counted: it has no incident
 * yet.
 */
@Component
class IncidentFailureHistory implements FailureHistory {

  private final JdbcClient jdbc;
  private final IncidentProperties properties;
  private final Clock clock;
  private final StateCache<String, Counts> cache;

  IncidentFailureHistory(
      JdbcClient jdbc,
      IncidentProperties properties,
      StateProperties state,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
    this.cache = new StateCache<>(state.cacheTtl());
  }

  @Override
  public Counts count(FailureFact fact) {
    String resource = resourceKey(fact);
    return resource == null ? Counts.NONE : cache.get(resource, this::load);
  }

  /** A failure recorded here is seen by the next decision on its resource, whatever the TTL. */
  @TransactionalEventListener(fallbackExecution = true)
  void recorded(IncidentDecided decided) {
    String resource = resourceKey(decided.fact());
    if (resource != null) {
      cache.forget(resource);
    }
  }

  private String resourceKey(FailureFact fact) {
    return Fingerprint.of(fact, properties.clusterBucket(), clock.instant()).resourceKey();
  }

  private Counts load(String resource) {
    Instant now = clock.instant();
    return jdbc.sql(
            """
            SELECT
              COALESCE(SUM(CASE WHEN first_seen >= :hour THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN first_seen >= :day THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN open_fingerprint IS NOT NULL THEN 1 ELSE 0 END), 0)
            FROM incident
            WHERE resource_key = :resource AND (first_seen >= :day OR open_fingerprint IS NOT NULL)
            """)
        .param("hour", IncidentStore.utc(now.minus(Duration.ofHours(1))))
        .param("day", IncidentStore.utc(now.minus(Duration.ofDays(1))))
        .param("resource", resource)
        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
        .single();
  }
}
