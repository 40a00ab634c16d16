package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.rebound.connector.ConnectorException;
import io.rebound.connector.RequestRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a breaker's settings are found: named instance, then its config, then the defaults. */
class BreakerPropertiesTest {

  private static final BreakerProperties.Settings DEFAULT =
      new BreakerProperties.Settings(
          null, 5, Duration.ofMinutes(5), List.of(Exception.class), null);
  private static final BreakerProperties.Settings PLATFORM =
      new BreakerProperties.Settings(
          "default", null, null, null, List.of(RequestRejectedException.class));

  private static final ConnectorException SERVER_ERROR =
      new ConnectorException("databricks", "HTTP 500", true, 500, null, null);
  private static final RequestRejectedException NOT_FOUND =
      new RequestRejectedException("databricks", "HTTP 404", 404);

  private static boolean counts(CircuitBreakerConfig config, Throwable failure) {
    return !config.getIgnoreExceptionPredicate().test(failure)
        && config.getRecordExceptionPredicate().test(failure);
  }

  @Test
  void thePlatformBreakerIgnoresWrongRequestsAndCountsServerErrors() {
    BreakerProperties properties =
        new BreakerProperties(Map.of("default", DEFAULT, "platform", PLATFORM), Map.of());

    CircuitBreakerConfig platform = properties.configFor("platform:databricks", "platform", 0);

    assertThat(counts(platform, SERVER_ERROR)).isTrue();
    assertThat(counts(platform, NOT_FOUND)).isFalse();
    assertThat(platform.getMinimumNumberOfCalls()).isEqualTo(5);
    assertThat(platform.getWaitIntervalFunctionInOpenState().apply(1))
        .isEqualTo(Duration.ofMinutes(5).toMillis());
  }

  @Test
  void anActionBreakerCountsWrongRequestsAndTakesThePolicysThreshold() {
    BreakerProperties properties =
        new BreakerProperties(Map.of("default", DEFAULT, "platform", PLATFORM), Map.of());

    CircuitBreakerConfig action =
        properties.configFor("databricks:restart_cluster:0923-abc", "default", 2);

    assertThat(action.getMinimumNumberOfCalls()).isEqualTo(2);
    assertThat(counts(action, NOT_FOUND)).isTrue();
  }

  @Test
  void aNamedInstanceWinsOverThePolicyAndItsConfig() {
    BreakerProperties properties =
        new BreakerProperties(
            Map.of("default", DEFAULT, "platform", PLATFORM),
            Map.of(
                "databricks:restart_cluster:0923-abc",
                new BreakerProperties.Settings(null, 9, Duration.ofSeconds(30), null, null)));

    CircuitBreakerConfig named =
        properties.configFor("databricks:restart_cluster:0923-abc", "default", 2);

    assertThat(named.getMinimumNumberOfCalls()).isEqualTo(9);
    assertThat(named.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(30_000L);
    assertThat(counts(named, SERVER_ERROR)).isTrue();
  }

  @Test
  void withoutAnyConfigurationEveryFailureCountsAndFiveOpen() {
    CircuitBreakerConfig none =
        new BreakerProperties(null, null).configFor("platform:adf", "platform", 0);

    assertThat(none.getMinimumNumberOfCalls()).isEqualTo(5);
    assertThat(counts(none, NOT_FOUND)).isTrue();
  }
}
