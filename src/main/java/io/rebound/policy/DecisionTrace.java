package io.rebound.policy;

import io.rebound.policy.facts.DerivedFacts.Derived;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * What one evaluation did: the rules that fired, in order, and the facts they inserted. A single
 * stateless listener per policy writes into the trace of the calling thread, so no listener is ever
 * added per decision and nothing is shared between concurrent evaluations.
 */
final class DecisionTrace {

  private static final ThreadLocal<DecisionTrace> CURRENT = new ThreadLocal<>();

  final List<String> fired = new ArrayList<>(12);
  final List<Derived> derived = new ArrayList<>(12);

  static void begin(DecisionTrace trace) {
    CURRENT.set(trace);
  }

  static void end() {
    CURRENT.remove();
  }

  /** Registered once on the policy's stateless session. */
  static final class Listener extends DefaultAgendaEventListener
      implements RuleRuntimeEventListener {

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      DecisionTrace trace = CURRENT.get();
      if (trace != null) {
        trace.fired.add(event.getMatch().getRule().getName());
      }
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
      DecisionTrace trace = CURRENT.get();
      if (trace != null && event.getObject() instanceof Derived d) {
        trace.derived.add(d);
      }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {}
  }
}
