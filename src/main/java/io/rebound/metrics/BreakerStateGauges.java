package io.rebound.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How many action breakers (one per action and resource, named "platform:action:resource") are in
 * each state, per platform: "3 Databricks breakers are open" without a series per cluster. A
 * platform's gauges appear with its first breaker; platforms are the connectors, a bounded set.
 */
@Component
class BreakerStateGauges implements MeterBinder {

  private static final List<CircuitBreaker.State> STATES =
      List.of(
          CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

  private final CircuitBreakerRegistry breakers;
  private final Set<String> platforms = ConcurrentHashMap.newKeySet();

  BreakerStateGauges(CircuitBreakerRegistry breakers) {
    this.breakers = breakers;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    breakers.getAllCircuitBreakers().forEach(b -> track(b.getName(), registry));
    breakers.getEventPublisher().onEntryAdded(e -> track(e.getAddedEntry().getName(), registry));
  }

  private void track(String breakerName, MeterRegistry registry) {
    String platform = platformOfActionBreaker(breakerName);
    if (platform == null || !platforms.add(platform)) {
      return;
    }
    for (CircuitBreaker.State state : STATES) {
      Gauge.builder("rebound.circuit.breakers.actions", () -> count(platform, state))
          .description("Per-resource action circuit breakers by platform and state")
          .tag("platform", platform)
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** The platform of an action breaker; null for a platform breaker, which is exported itself. */
  static String platformOfActionBreaker(String breakerName) {
    int colon = breakerName.indexOf(':');
    if (colon <= 0 || breakerName.startsWith(MetricsConfiguration.PLATFORM_BREAKER_PREFIX)) {
      return null;
    }
    return breakerName.substring(0, colon);
  }

  private long count(String platform, CircuitBreaker.State state) {
    return breakers.getAllCircuitBreakers().stream()
        .filter(b -> platform.equals(platformOfActionBreaker(b.getName())))
        .filter(b -> b.getState() == state)
        .count();
  }
}
