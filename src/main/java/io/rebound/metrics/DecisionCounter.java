package io.rebound.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Decision;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts decisions by error type, first action and route (automatic, approval, escalate). Both
 * vocabularies are bounded by the policy (ErrorTypes and the action catalog), never per resource.
 */
@Component
class DecisionCounter {

  static final String NAME = "rebound.decisions";

  private final MeterRegistry registry;

  DecisionCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @EventListener
  void on(IncidentDecided event) {
    Decision decision = event.evaluation().decision();
    Counter.builder(NAME)
        .description("Decisions taken on incidents, by error type, first action and route")
        .tag("error_type", orNone(decision.errorType()))
        .tag("action", decision.playbook() == null ? "none" : orNone(decision.playbook().action()))
        .tag("route", route(decision))
        .tag("source", event.fact().source().id())
        .register(registry)
        .increment();
  }

  static String route(Decision decision) {
    if (!decision.failure()) {
      return "no_action";
    }
    if (!decision.remediable()) {
      return "escalate";
    }
    return decision.approvalRequired() ? "approval" : "automatic";
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? "none" : value;
  }
}
