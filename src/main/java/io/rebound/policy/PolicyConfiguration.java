package io.rebound.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the policy at startup; a broken policy stops the service with the list of problems. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyConfiguration {

  @Bean
  PolicyEngine policyEngine(PolicyProperties properties) {
    return properties.directory().map(PolicyEngine::fromDirectory).orElseGet(PolicyEngine::shipped);
  }
}
