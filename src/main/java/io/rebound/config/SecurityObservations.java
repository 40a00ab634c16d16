package io.rebound.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security records no observations of its own. With an observation registry present
 * (actuator) it otherwise wraps every filter of its chain, and every authorization, in an
 * observation of its own: on the what-if API that was a fifth of a request's CPU, for timings
 * nobody reads. Each request is still observed once, as {@code http.server.requests}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
