package io.rebound.policy;

import io.rebound.failure.FailureFact;
import io.rebound.policy.facts.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * One compiled, immutable policy: its KieBase, where each rule lives and its version. Evaluations
 * run in stateless sessions and share nothing mutable, so any number of threads may call it.
 */
final class LoadedPolicy {

  private final StatelessKieSession session;
  private final RuleCatalog catalog;
  private final DecisionAssembler assembler;
  private final String version;
  private final long compileMillis;

  LoadedPolicy(KieBase kieBase, RuleCatalog catalog, String version, long compileMillis) {
    this.session = kieBase.newStatelessKieSession();
    DecisionTrace.Listener listener = new DecisionTrace.Listener();
    this.session.addEventListener((org.kie.api.event.rule.AgendaEventListener) listener);
    this.session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) listener);
    this.catalog = catalog;
    this.assembler = new DecisionAssembler(catalog);
    this.version = version;
    this.compileMillis = compileMillis;
  }

  Evaluation evaluate(FailureFact fact) {
    PolicyInput input = new PolicyInput(fact);
    DecisionTrace trace = new DecisionTrace();
    DecisionTrace.begin(trace);
    try {
      session.execute(input);
    } finally {
      DecisionTrace.end();
    }
    Decision decision = assembler.assemble(input, trace.derived);
    List<ExplanationEntry> explanation = new ArrayList<>(trace.fired.size());
    for (String rule : trace.fired) {
      explanation.add(catalog.get(rule).entry());
    }
    return new Evaluation(fact, decision, explanation, version);
  }

  String version() {
    return version;
  }

  long compileMillis() {
    return compileMillis;
  }
}
