package io.rebound.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

  /** Breaker names that are not per resource: "platform:databricks", "platform:adf", ... */
  @Bean
  FilterRegistrationBean<WebhookDeliveryCounter> webhookDeliveryCounter(MeterRegistry registry) {
    FilterRegistrationBean<WebhookDeliveryCounter> registration =
        new FilterRegistrationBean<>(new WebhookDeliveryCounter(registry));
    // the webhook servlet's mount points (ingest's WebhookServlet.MAPPINGS)
    registration.addUrlPatterns("/webhooks/*", "/azure-monitor", "/databricks-monitor");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
