package io.rebound.policy;

import io.rebound.policy.facts.DerivedFacts.Derived;
import io.rebound.policy.facts.RowsFound;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
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

  /**
   * Marks a rule that explains itself and then names each table row it found as data (the gate rule
   * and the Approval rows): the rule is listed, then each row whose fact it inserted.
   */
  static final String LISTS_ROWS_FOUND = "listsRowsFound";

  /** Listed before its consequence runs, so the rows it finds as data follow it. */
  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    Rule rule = event.getMatch().getRule();
    if (!rule.getMetaData().containsKey(EXPLAINED_BY_ROWS)) {
      fired.add(rule.getName());
    }
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    handles.add(event.getFactHandle());
    Object fact = event.getObject();
    if (fact instanceof Derived d) {
      derived.add(d);
      if (event.getRule() != null && event.getRule().getMetaData().containsKey(EXPLAINED_BY_ROWS)) {
        fired.add(d.getRule());
      }
    } else if (fact instanceof RowsFound found) {
      // rows found in a sheet read as data: each explains the decision as its own fact would
      for (Derived d : found.getRows()) {
        derived.add(d);
        fired.add(d.getRule());
      }
    }
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {}

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {}
}
