package io.rebound.ingest;

import io.rebound.incident.IncidentDecided;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/** Collects IncidentDecided events as remediation receives them. */
@TestConfiguration(proxyBeanMethods = false)
class DecidedEvents {

  final List<IncidentDecided> received = new CopyOnWriteArrayList<>();

  @EventListener
  void on(IncidentDecided event) {
    received.add(event);
  }
}
