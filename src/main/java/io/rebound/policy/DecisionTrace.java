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
import org.kie.api.runtime.rule.FactHandle;

/**
 * What one evaluation did: the rules that fired, in order, the facts they inserted and the handles
 * to remove afterwards. Each session is confined to one thread and owns one trace, registered once
 * as its listener; nothing here is shared between threads.
 */
final class DecisionTrace extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

  final List<String> fired = new ArrayList<>(16);
  final List<Derived> derived = new ArrayList<>(16);
  final List<FactHandle> handles = new ArrayList<>(16);

  void clear() {
    fired.clear();
    derived.clear();
    handles.clear();
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    fired.add(event.getMatch().getRule().getName());
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    handles.add(event.getFactHandle());
    if (event.getObject() instanceof Derived d) {
      derived.add(d);
    }
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {}

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {}
}
