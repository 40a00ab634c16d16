package io.rebound.ingest;

import io.rebound.incident.IncidentDecided;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Collects the IncidentDecided events whose deciding transaction committed (they are published
 * inside it, so a rolled-back batch's would otherwise count twice).
 */
@TestConfiguration(proxyBeanMethods = false)
class DecidedEvents {

  final List<IncidentDecided> received = new CopyOnWriteArrayList<>();

  @TransactionalEventListener(fallbackExecution = true)
  void on(IncidentDecided event) {
    received.add(event);
  }
}
