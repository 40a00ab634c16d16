package io.rebound.remediation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Circuit breakers per action and target resource ("databricks:restart_cluster:0923-…") and per
 * platform ("platform:databricks"). A breaker opens after its threshold of consecutive failures:
 * for an action breaker the policy's circuitBreakerThreshold, unless a named instance in
 * configuration says otherwise. Breaker state lives in this instance's memory.
 */
@Component
class Breakers {

  private final CircuitBreakerRegistry registry;
  private final RemediationProperties.BreakerSettings settings;

  Breakers(RemediationProperties properties, ObjectProvider<CircuitBreakerRegistry> registry) {
    // the application's registry (exported as metrics) when there is one
    this.registry = registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
    this.settings = properties.breakers();
  }

  static String actionBreakerName(String platform, String action, String resourceId) {
    return platform + ":" + action + ":" + resourceId;
  }

  static String platformBreakerName(String platform) {
    return "platform:" + platform;
  }

  CircuitBreaker actionBreaker(String name, int policyThreshold) {
    return registry.circuitBreaker(name, () -> config(name, policyThreshold));
  }

  CircuitBreaker platformBreaker(String platform) {
    String name = platformBreakerName(platform);
    return registry.circuitBreaker(name, () -> config(name, 0));
  }

  List<CircuitBreaker> all() {
    return registry.getAllCircuitBreakers().stream()
        .sorted(Comparator.comparing(CircuitBreaker::getName))
        .toList();
  }

  Optional<CircuitBreaker> find(String name) {
    return registry.find(name);
  }

  /** The breaker's configured consecutive-failure threshold. */
  static int threshold(CircuitBreaker breaker) {
    return breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();
  }

  static void recordSuccess(CircuitBreaker breaker) {
    breaker.onSuccess(0, TimeUnit.MILLISECONDS);
  }

  /**
   * @return true when this failure opened the breaker
   */
  static boolean recordFailure(CircuitBreaker breaker, Throwable cause) {
    CircuitBreaker.State before = breaker.getState();
    breaker.onError(0, TimeUnit.MILLISECONDS, cause);
    return before != CircuitBreaker.State.OPEN && breaker.getState() == CircuitBreaker.State.OPEN;
  }

  private CircuitBreakerConfig config(String name, int policyThreshold) {
    RemediationProperties.Breaker named = settings.instances().get(name);
    RemediationProperties.Breaker defaults = settings.defaults();
    int threshold =
        named != null && named.failureThreshold() != null
            ? named.failureThreshold()
            : policyThreshold > 0 ? policyThreshold : defaults.failureThreshold();
    RemediationProperties.Breaker effective =
        (named == null ? defaults : named.withFallback(defaults));
    Duration wait = effective.waitInOpenState();
    // a count window as long as the threshold at a 100 % failure rate: opens after exactly
    // `threshold` failures in a row, which is what ops mean by "opens after N failures"
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(Math.max(1, threshold))
        .minimumNumberOfCalls(Math.max(1, threshold))
        .failureRateThreshold(100f)
        .waitDurationInOpenState(wait)
        .permittedNumberOfCallsInHalfOpenState(
            Math.max(1, effective.permittedCallsInHalfOpenState()))
        .recordExceptions(Throwable.class)
        .build();
  }
}
