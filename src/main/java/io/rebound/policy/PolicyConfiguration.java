package io.rebound.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
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
    String dir = Binder.get(environment).bind("rebound.policy.dir", String.class).orElse(null);
    return new PolicyCompileAhead(new PolicyProperties(dir, null).directory());
  }

  @Bean
  PolicyEngine policyEngine(PolicyCompileAhead compiling) {
    return compiling.engine();
  }
}
