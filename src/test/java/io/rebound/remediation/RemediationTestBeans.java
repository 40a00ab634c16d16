package io.rebound.remediation;

import io.rebound.connector.Connectors;
import io.rebound.incident.IncidentLifecycle;
import io.rebound.policy.DecisionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The modules remediation calls, as test doubles, until feat/ingest (IncidentLifecycle) and
 * feat/connector (Connectors) are merged. Connectors still go over real HTTP to WireMock.
 */
@TestConfiguration(proxyBeanMethods = false)
class RemediationTestBeans {

  @Bean
  IncidentLifecycle recordingIncidents() {
    return new RecordingIncidents();
  }

  @Bean
  Connectors httpTestConnectors(@Value("${test.platform.base-url}") String baseUrl) {
    return new HttpTestConnectors(baseUrl);
  }

  @Bean
  DecisionService scriptedPolicy() {
    return new ScriptedPolicy();
  }
}
