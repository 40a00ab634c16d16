package io.rebound.remediation;

import io.rebound.policy.PolicyEngine;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one test double left: the shipped policy does not yet answer {@code playbookFor} (chained
 * playbooks), so tests register the chained playbook here. Everything else is the real thing: the
 * incident lifecycle and audit trail, and the platform connectors over HTTP to WireMock.
 */
@TestConfiguration(proxyBeanMethods = false)
class RemediationTestBeans {

  @Bean
  @Primary
  ScriptedPolicy scriptedPolicy(PolicyEngine shipped) {
    return new ScriptedPolicy(shipped);
  }
}
