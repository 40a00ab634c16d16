package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.facts.DerivedFacts.Classified;
import io.rebound.policy.facts.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One compiled, immutable policy: its KieBase, where each rule lives and its version.
 *
 * <p>Each thread evaluates in its own long-lived session, emptied after every decision. Creating
 * (or resetting) a session for a policy of ~500 rules costs more than deciding: measured 18k
 * decisions/s with a stateless session per call versus the figures in BENCHMARKS.md this way.
 */
final class LoadedPolicy {

  /** Rule name recorded for a classification made by a chain rather than by a table row. */
  static final String CHAINED = "Chained from another playbook";

  private final KieBase kieBase;
  private final RuleCatalog catalog;
  private final DecisionAssembler assembler;
  private final String version;
  private final long compileMillis;
  private final ThreadLocal<ThreadSession> sessions;

  /**
   * Decisions already made by this policy, by what the rules can see. A decision is a function of
   * the input's codes (and of its message when no code classified it), so an alert storm of one
   * failure costs one rule evaluation. Lives and dies with this compiled policy: a reload starts
   * empty. Messages carry run ids and are rarely seen twice, so they get their own map: filling it
   * never evicts the few code combinations that decide most failures.
   */
  private final Map<Object, Memo> byCodes = new ConcurrentHashMap<>();

  private final Map<MessageKey, Memo> byMessage = new ConcurrentHashMap<>();

  private static final int MEMO_LIMIT = 20_000;
  private static final Memo MESSAGE_NEEDED = new Memo(null, List.of(), true);

  private record Memo(Decision decision, List<ExplanationEntry> explanation, boolean messageRead) {}

  private record MessageKey(Object codesKey, String message) {}

  LoadedPolicy(KieBase kieBase, RuleCatalog catalog, String version, long compileMillis) {
    this.kieBase = kieBase;
    this.catalog = catalog;
    this.assembler = new DecisionAssembler(catalog);
    this.version = version;
    this.compileMillis = compileMillis;
    this.sessions = ThreadLocal.withInitial(() -> new ThreadSession(kieBase.newKieSession()));
  }

  Evaluation evaluate(FailureFact fact) {
    PolicyInput input = new PolicyInput(fact);
    Object codesKey = input.codesKey();
    Memo memo = byCodes.get(codesKey);
    if (memo == MESSAGE_NEEDED) {
      memo = byMessage.get(new MessageKey(codesKey, input.getErrorMessage()));
    }
    if (memo == null) {
      memo = decide(input);
      if (memo.messageRead()) {
        remember(byMessage, new MessageKey(codesKey, input.getErrorMessage()), memo);
        remember(byCodes, codesKey, MESSAGE_NEEDED);
      } else {
        remember(byCodes, codesKey, memo);
      }
    }
    return new Evaluation(fact, memo.decision(), memo.explanation(), version);
  }

  /** Runs the rules. Without the memo: what every decision would cost. */
  Evaluation evaluateWithoutMemo(FailureFact fact) {
    Memo memo = decide(new PolicyInput(fact));
    return new Evaluation(fact, memo.decision(), memo.explanation(), version);
  }

  private Memo decide(PolicyInput input) {
    ThreadSession s = sessions.get();
    DecisionTrace trace = s.trace;
    try {
      s.session.insert(input);
      s.session.fireAllRules();
      Decision decision = assembler.assemble(input, trace.derived);
      List<ExplanationEntry> explanation = new ArrayList<>(trace.fired.size());
      for (String rule : trace.fired) {
        explanation.add(catalog.get(rule).entry());
      }
      return new Memo(decision, List.copyOf(explanation), trace.messageRead);
    } finally {
      s.empty();
    }
  }

  private static <K> void remember(Map<K, Memo> memo, K key, Memo value) {
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear(); // crude but bounded; an alert storm refills it with what matters in ms
    }
    memo.put(key, value);
  }

  /**
   * The playbook of an error type in an environment, as if a failure had just been classified so:
   * the assess, playbook and gate tables run, the classification tables do not.
   */
  Optional<Playbook> playbookFor(String errorType, Environment environment) {
    Classified classified = new Classified(CHAINED, errorType, environment.id(), "chained");
    ThreadSession s = sessions.get();
    try {
      s.session.insert(classified);
      s.session.fireAllRules();
      Decision decision = assembler.assemble(null, s.trace.derived);
      return Optional.ofNullable(decision.playbook());
    } finally {
      s.empty();
    }
  }

  String version() {
    return version;
  }

  long compileMillis() {
    return compileMillis;
  }

  /** A session and its trace, used by one thread only. */
  private static final class ThreadSession {
    final KieSession session;
    final DecisionTrace trace = new DecisionTrace();

    ThreadSession(KieSession session) {
      this.session = session;
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) trace);
      session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) trace);
    }

    /**
     * Deletes this decision's facts in insertion order: the input first, so no rule can match
     * again. Phreak evaluates rules lazily, so nothing stale is left to fire next time.
     */
    void empty() {
      List<FactHandle> handles = trace.handles;
      for (int i = 0; i < handles.size(); i++) {
        session.delete(handles.get(i));
      }
      trace.clear();
    }
  }
}
