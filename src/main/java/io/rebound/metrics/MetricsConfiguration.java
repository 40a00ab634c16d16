package io.rebound.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

  /** Breaker names that are not per resource: "platform:databricks", "platform:adf", ... */
  static final String PLATFORM_BREAKER_PREFIX = "platform:";

  @Bean
  FilterRegistrationBean<WebhookDeliveryCounter> webhookDeliveryCounter(MeterRegistry registry) {
    FilterRegistrationBean<WebhookDeliveryCounter> registration =
        new FilterRegistrationBean<>(new WebhookDeliveryCounter(registry));
    // the webhook servlet's mount points (ingest's WebhookServlet.MAPPINGS)
    registration.addUrlPatterns("/webhooks/*", "/azure-monitor", "/databricks-monitor");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * The one registry every breaker lives in (remediation's Breakers takes it when present), so its
   * states can be exported.
   */
  @Bean
  CircuitBreakerRegistry circuitBreakerRegistry() {
    return CircuitBreakerRegistry.ofDefaults();
  }

  /** resilience4j's own meters (state, calls, failure rate), one series set per breaker. */
  @Bean
  TaggedCircuitBreakerMetrics circuitBreakerMetrics(CircuitBreakerRegistry breakers) {
    return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
  }

  /**
   * Action breakers are named per resource ("databricks:restart_cluster:0923-…"): exporting them
   * one by one would grow a series per cluster and pipeline. Only platform breakers go out one by
   * one; {@link BreakerStateGauges} counts the others by state.
   */
  @Bean
  MeterFilter onlyPlatformBreakersOneByOne() {
    return MeterFilter.deny(
        id ->
            id.getName().startsWith("resilience4j.circuitbreaker")
                && id.getTag("name") != null
                && !id.getTag("name").startsWith(PLATFORM_BREAKER_PREFIX));
  }
}
