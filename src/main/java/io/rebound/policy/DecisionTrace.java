package io.rebound.policy;

import io.rebound.policy.facts.DerivedFacts.Derived;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.definition.rule.Rule;
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

  /**
   * Marks a rule that looks rows up in a table read as data: what explains a decision is the row it
   * found (workbook, sheet, row), so the trace lists each row it inserted instead of the rule.
   */
  static final String EXPLAINED_BY_ROWS = "explainedByRows";

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    Rule rule = event.getMatch().getRule();
    if (!explainedByRows(rule)) {
      fired.add(rule.getName());
    }
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    handles.add(event.getFactHandle());
    if (event.getObject() instanceof Derived d) {
      derived.add(d);
      if (event.getRule() != null && explainedByRows(event.getRule())) {
        fired.add(d.getRule());
      }
    }
  }

  private static boolean explainedByRows(Rule rule) {
    return rule.getMetaData().containsKey(EXPLAINED_BY_ROWS);
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {}

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {}
}
