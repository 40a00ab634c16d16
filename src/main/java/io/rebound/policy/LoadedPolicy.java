package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.policy.facts.DerivedFacts.Classified;
import io.rebound.policy.facts.DerivedFacts.Derived;
import io.rebound.policy.facts.GuardHit;
import io.rebound.policy.facts.GuardInput;
import io.rebound.policy.facts.MessageVocabulary;
import io.rebound.policy.facts.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
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
  private final GuardPhase guards;

  /**
   * Decisions already made by this policy, keyed by the {@link PolicyInput} itself: the one object
   * a decision inserts, holding every value a rule or table can read (the message only as the
   * phrases it mentions). Equal inputs therefore get equal decisions whatever was decided before,
   * so an alert storm of one failure costs one rule evaluation, new run ids in its messages
   * included. Lives and dies with this compiled policy: a reload starts empty.
   */
  private final Map<PolicyInput, Memo> memo = new ConcurrentHashMap<>();

  private final MessageVocabulary vocabulary;

  private static final int MEMO_LIMIT = 20_000;

  private record Memo(Decision decision, List<ExplanationEntry> explanation) {}

  LoadedPolicy(
      KieBase kieBase,
      RuleCatalog catalog,
      SessionGlobals globals,
      GuardBuckets guardBuckets,
      String version,
      long compileMillis) {
    this.kieBase = kieBase;
    this.guards = new GuardPhase(catalog, guardBuckets);
    this.catalog = catalog;
    this.assembler = new DecisionAssembler(catalog);
    this.vocabulary = catalog.messageVocabulary();
    this.version = version;
    this.compileMillis = compileMillis;
    this.sessions =
        ThreadLocal.withInitial(() -> new ThreadSession(newConfinedSession(kieBase, globals)));
  }

  /**
   * A session only its own thread ever touches: Drools' default guards every insert, delete and
   * propagation with locks and a synchronised queue, which cost more than a whole rule firing.
   */
  private static KieSession newConfinedSession(KieBase kieBase, SessionGlobals globals) {
    KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
    conf.setOption(ThreadSafeOption.NO);
    conf.setOption(KeepReferenceOption.NO);
    KieSession session = kieBase.newKieSession(conf, null);
    globals.setOn(session);
    return session;
  }

  Evaluation evaluate(FailureFact fact) {
    return evaluate(fact, null);
  }

  /**
   * Decides on the alert (remembered per input), then lets the guards read the state.
   *
   * @param state null to decide on the alert alone, without the guard phase
   */
  Evaluation evaluate(FailureFact fact, ResourceState state) {
    PolicyInput input = PolicyInput.of(fact, vocabulary);
    Memo known = memo.get(input);
    if (known == null) {
      known = decide(input);
      if (memo.size() >= MEMO_LIMIT) {
        memo.clear(); // crude but bounded; an alert storm refills it with what matters in ms
      }
      memo.put(input, known);
    }
    if (state == null) {
      return new Evaluation(fact, known.decision(), known.explanation(), version);
    }
    return guards.apply(
        fact, known.decision(), known.explanation(), version, state, this::fireGuards);
  }

  /** The Guards rows that match one input; no other rule reads a GuardInput. */
  private List<GuardHit> fireGuards(GuardInput input) {
    ThreadSession s = sessions.get();
    try {
      s.session.insert(input);
      s.session.fireAllRules();
      List<GuardHit> hits = new ArrayList<>(2);
      for (Derived d : s.trace.derived) {
        if (d instanceof GuardHit hit) {
          hits.add(hit);
        }
      }
      return hits;
    } finally {
      s.empty();
    }
  }

  /** Runs the rules. Without the memo: what every decision would cost. */
  Evaluation evaluateWithoutMemo(FailureFact fact) {
    Memo fresh = decide(PolicyInput.of(fact, vocabulary));
    return new Evaluation(fact, fresh.decision(), fresh.explanation(), version);
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
      return new Memo(decision, List.copyOf(explanation));
    } finally {
      s.empty();
    }
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

  /** Whether a rule of that name was compiled into the KieBase (a table read as data has none). */
  boolean compiledAsRule(String ruleName) {
    return kieBase.getRule("io.rebound.policy", ruleName) != null;
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
      session.addEventListener((AgendaEventListener) trace);
      session.addEventListener((RuleRuntimeEventListener) trace);
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
