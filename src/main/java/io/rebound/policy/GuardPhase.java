package io.rebound.policy;

import io.rebound.failure.FailureFact;
import io.rebound.policy.facts.GuardHit;
import io.rebound.policy.facts.GuardInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The last phase: once the playbook is chosen, the Guards sheet reads the state of the resource for
 * that action (breaker, budget, earlier failures, how well the playbook has done) and may escalate
 * the decision or make its first action wait for a person. It only ever makes a decision safer. The
 * rows' answers are remembered per {@link GuardInput} (state in buckets), apart from the decision
 * memo, so a decision on the same alert with a different state is still one lookup.
 */
final class GuardPhase {

  private static final int MEMO_LIMIT = 20_000;

  private final RuleCatalog catalog;
  private final GuardBuckets buckets;
  private final Map<GuardInput, List<GuardHit>> memo = new ConcurrentHashMap<>();

  GuardPhase(RuleCatalog catalog, GuardBuckets buckets) {
    this.catalog = catalog;
    this.buckets = buckets;
  }

  /**
   * @param rules runs the Guards rows over one input and returns the rows that matched
   * @return the decision as the guards leave it, with the state it was checked against (null for an
   *     event that is not a failure: nothing to guard)
   */
  Evaluation apply(
      FailureFact fact,
      Decision decision,
      List<ExplanationEntry> explanation,
      String version,
      ResourceState state,
      Function<GuardInput, List<GuardHit>> rules) {
    if (!decision.failure() || decision.playbook() == null) {
      return new Evaluation(fact, decision, explanation, version, null);
    }
    String action = decision.playbook().action();
    StateFacts facts = state.about(decision.errorType(), action);
    if (!buckets.present() || !decision.remediable()) {
      return new Evaluation(fact, decision, explanation, version, facts);
    }
    GuardInput input = buckets.input(fact.environment().id(), decision.errorType(), action, facts);
    List<GuardHit> hits = memo.get(input);
    if (hits == null) {
      hits = List.copyOf(rules.apply(input));
      if (memo.size() >= MEMO_LIMIT) {
        memo.clear();
      }
      memo.put(input, hits);
    }
    if (hits.isEmpty()) {
      return new Evaluation(fact, decision, explanation, version, facts);
    }
    return new Evaluation(
        fact, guarded(decision, hits, facts), explained(explanation, hits), version, facts);
  }

  private Decision guarded(Decision d, List<GuardHit> hits, StateFacts facts) {
    List<String> reasons = new ArrayList<>(d.reasons());
    boolean escalate = false;
    for (GuardHit hit : hits) {
      String location = catalog.get(hit.getRule()).location();
      if (hit.escalates()) {
        escalate = true;
        String breaker = facts.breakerOpen() ? " (open breaker: " + facts.breaker() + ")" : "";
        reasons.add(
            "Escalated to a human by a guard: "
                + hit.getBecause()
                + breaker
                + " ("
                + location
                + ")");
      } else {
        reasons.add("Needs approval by a guard: " + hit.getBecause() + " (" + location + ")");
      }
    }
    if (escalate) {
      return changed(d, false, DecisionAssembler.ESCALATE_ONLY, reasons);
    }
    Playbook p = d.playbook();
    List<String> gated = new ArrayList<>(p.approvalRequiredFor());
    if (!gated.contains(p.action())) {
      gated.add(0, p.action());
    }
    return changed(d, true, p.withApprovalRequiredFor(gated), reasons);
  }

  /** The same failure, severity and priority: a guard changes only what Rebound does on its own. */
  private static Decision changed(
      Decision d, boolean remediable, Playbook playbook, List<String> reasons) {
    return new Decision(
        true,
        d.errorType(),
        d.category(),
        d.severity(),
        d.priority(),
        remediable,
        remediable && playbook.needsApproval(playbook.action()),
        playbook,
        reasons);
  }

  private List<ExplanationEntry> explained(List<ExplanationEntry> before, List<GuardHit> hits) {
    List<ExplanationEntry> out = new ArrayList<>(before);
    for (GuardHit hit : hits) {
      out.add(catalog.get(hit.getRule()).entry());
    }
    return out;
  }
}
