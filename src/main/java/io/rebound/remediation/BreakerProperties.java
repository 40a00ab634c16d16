package io.rebound.remediation;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Circuit breaker settings in resilience4j's own shape ({@code resilience4j.circuitbreaker.configs}
 * and {@code .instances}, as its Spring Boot starter reads them; the starter itself does not run on
 * Boot 4). Two configs matter: {@code default} for the breaker of one action on one resource, and
 * {@code platform} for the breaker of a whole platform. An instance is named like the breaker
 * ("platform:databricks", "[databricks:restart_cluster:0923-…]") and overrides its config.
 *
 * <p>A breaker opens after {@code minimumNumberOfCalls} recorded failures in a row (for an action
 * breaker without a named instance: the policy's "Circuit breaker after (failures)"), refuses calls
 * for {@code waitDurationInOpenState}, then lets one trial call through. A failure whose exception
 * is in {@code ignoreExceptions}, or not in {@code recordExceptions}, does not count.
 */
@ConfigurationProperties("resilience4j.circuitbreaker")
record BreakerProperties(Map<String, Settings> configs, Map<String, Settings> instances) {

  static final String ACTION_CONFIG = "default";
  static final String PLATFORM_CONFIG = "platform";

  BreakerProperties {
    configs = configs == null ? Map.of() : Map.copyOf(configs);
    instances = instances == null ? Map.of() : Map.copyOf(instances);
  }

  record Settings(
      String baseConfig,
      Integer minimumNumberOfCalls,
      Duration waitDurationInOpenState,
      List<Class<? extends Throwable>> recordExceptions,
      List<Class<? extends Throwable>> ignoreExceptions) {

    Settings over(Settings base) {
      return new Settings(
          null,
          minimumNumberOfCalls != null ? minimumNumberOfCalls : base.minimumNumberOfCalls,
          waitDurationInOpenState != null ? waitDurationInOpenState : base.waitDurationInOpenState,
          recordExceptions != null ? recordExceptions : base.recordExceptions,
          ignoreExceptions != null ? ignoreExceptions : base.ignoreExceptions);
    }
  }

  private static final Settings BUILT_IN =
      new Settings(null, 5, Duration.ofMinutes(5), List.of(Throwable.class), List.of());

  /**
   * The resilience4j configuration of one breaker: its named instance over its config over the
   * built-in defaults; {@code policyThreshold} (when positive) stands in for a threshold no named
   * instance sets.
   */
  @SuppressWarnings("unchecked")
  CircuitBreakerConfig configFor(String name, String configName, int policyThreshold) {
    Settings config = resolve(configs.get(configName));
    Settings named = instances.get(name);
    Settings effective = named == null ? config : resolve(named).over(config);
    int threshold =
        named != null && named.minimumNumberOfCalls() != null
            ? named.minimumNumberOfCalls()
            : policyThreshold > 0 ? policyThreshold : effective.minimumNumberOfCalls();
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(Math.max(1, threshold))
        .minimumNumberOfCalls(Math.max(1, threshold))
        .failureRateThreshold(100f)
        .waitDurationInOpenState(effective.waitDurationInOpenState())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordExceptions(effective.recordExceptions().toArray(Class[]::new))
        .ignoreExceptions(effective.ignoreExceptions().toArray(Class[]::new))
        .build();
  }

  private Settings resolve(Settings settings) {
    if (settings == null) {
      return resolve(configs.get(ACTION_CONFIG) == null ? BUILT_IN : configs.get(ACTION_CONFIG));
    }
    if (settings == BUILT_IN) {
      return BUILT_IN;
    }
    Settings base =
        settings.baseConfig() != null && configs.containsKey(settings.baseConfig())
            ? resolve(configs.get(settings.baseConfig()))
            : BUILT_IN;
    return settings.over(base);
  }
}
