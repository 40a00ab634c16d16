package io.rebound.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Loads the policy at startup; a broken policy stops the service with the list of problems. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyConfiguration {

  /** Static: a bean factory post-processor, created before any other bean (see the class). */
  @Bean
  static PolicyCompileAhead policyCompileAhead(Environment environment) {
    return new PolicyCompileAhead(PolicyCompileAhead.directory(environment));
  }

  @Bean
  PolicyEngine policyEngine(PolicyCompileAhead compiling) {
    return compiling.engine();
  }
}
