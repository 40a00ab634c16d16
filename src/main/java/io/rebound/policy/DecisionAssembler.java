package io.rebound.policy;

import io.rebound.failure.Priority;
import io.rebound.failure.Severity;
import io.rebound.policy.RuleCatalog.RuleInfo;
import io.rebound.policy.facts.DerivedFacts.Assessment;
import io.rebound.policy.facts.DerivedFacts.CategoryAssigned;
import io.rebound.policy.facts.DerivedFacts.Classified;
import io.rebound.policy.facts.DerivedFacts.Derived;
import io.rebound.policy.facts.DerivedFacts.Escalation;
import io.rebound.policy.facts.DerivedFacts.Gate;
import io.rebound.policy.facts.DerivedFacts.LibraryVersions;
import io.rebound.policy.facts.DerivedFacts.NeverAutomatic;
import io.rebound.policy.facts.DerivedFacts.NotAFailure;
import io.rebound.policy.facts.DerivedFacts.PlaybookChoice;
import io.rebound.policy.facts.PolicyInput;
import io.rebound.policy.facts.PolicyLists;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Collects the facts the rules inserted into one {@link Decision} with one plain line per rule that
 * shaped it. Lines and playbooks depend only on the row that fired, so they are built once per row
 * and reused.
 */
final class DecisionAssembler {

  static final Playbook ESCALATE_ONLY =
      new Playbook(
          PolicyVocabulary.ESCALATE, 0, List.of(), 0, false, "none", List.of(), null, 0, List.of());

  private final RuleCatalog catalog;
  private final Map<String, String> lines = new ConcurrentHashMap<>();
  private final Map<String, Playbook> playbooks = new ConcurrentHashMap<>();

  DecisionAssembler(RuleCatalog catalog) {
    this.catalog = catalog;
  }

  Decision assemble(PolicyInput input, List<Derived> derived) {
    List<NotAFailure> notAFailureFound = null;
    Classified classifiedFound = null;
    CategoryAssigned categoryFound = null;
    Assessment assessmentFound = null;
    PlaybookChoice choiceFound = null;
    LibraryVersions libraryFound = null;
    List<Gate> gates = new ArrayList<>(4);
    NeverAutomatic neverFound = null;
    List<Escalation> escalationsFound = null;
    for (Derived d : derived) {
      if (d instanceof NotAFailure n) {
        notAFailureFound = notAFailureFound == null ? new ArrayList<>(2) : notAFailureFound;
        notAFailureFound.add(n);
      } else if (d instanceof Classified c) {
        classifiedFound = c;
      } else if (d instanceof CategoryAssigned c) {
        categoryFound = c;
      } else if (d instanceof Assessment a) {
        assessmentFound = a;
      } else if (d instanceof PlaybookChoice p) {
        choiceFound = p;
      } else if (d instanceof LibraryVersions l) {
        libraryFound = l;
      } else if (d instanceof Gate g) {
        gates.add(g);
      } else if (d instanceof NeverAutomatic n) {
        neverFound = n;
      } else if (d instanceof Escalation e) {
        escalationsFound = escalationsFound == null ? new ArrayList<>(2) : escalationsFound;
        escalationsFound.add(e);
      }
    }
    final List<NotAFailure> notAFailure = notAFailureFound;
    final Classified classified = classifiedFound;
    final CategoryAssigned category = categoryFound;
    final Assessment assessment = assessmentFound;
    final PlaybookChoice choice = choiceFound;
    final LibraryVersions library = libraryFound;
    final NeverAutomatic never = neverFound;
    final List<Escalation> escalations = escalationsFound;
    List<String> reasons = new ArrayList<>(6);
    if (notAFailure != null) {
      for (NotAFailure stop : notAFailure) {
        reasons.add(line(stop, r -> notAFailureLine(r, stop)));
      }
      return new Decision(
          false, null, null, Severity.INFO, Priority.P4, false, false, null, reasons);
    }
    if (classified == null) {
      throw new IllegalStateException("the policy rules did not settle on an error type");
    }
    reasons.add(line(classified, r -> classifiedLine(r, classified.getErrorType())));
    String categoryName = category == null ? null : category.getCategory();
    if (category != null) {
      CategoryAssigned assigned = category;
      // not cached per rule: a row or default without an error type of its own names this fact's
      reasons.add(
          categoryLine(catalog.get(assigned.getRule()), classified.getErrorType(), assigned));
    }
    Severity severity = Severity.HIGH;
    Priority priority = Priority.P2;
    if (assessment != null) {
      severity = Severity.valueOf(assessment.getSeverity().toUpperCase(Locale.ROOT));
      priority = Priority.valueOf(assessment.getPriority());
      Assessment a = assessment;
      // not cached per rule: the line names this fact's error type and environment, which a
      // default rule or a row with an empty cell does not fix (cached, it named an earlier fact's)
      reasons.add(assessmentLine(catalog.get(a.getRule()), classified, a));
    }
    boolean escalate =
        never != null
            || escalations != null
            || choice == null
            || PolicyVocabulary.ESCALATE.equals(choice.getAction());
    Playbook playbook =
        choice == null
            ? ESCALATE_ONLY
            : playbooks.computeIfAbsent(choice.getRule(), r -> toPlaybook(choice));
    if (choice != null) {
      reasons.add(line(choice, r -> playbookLine(r, playbook)));
    }
    if (never != null) {
      NeverAutomatic n = never;
      reasons.add(line(n, r -> "Never automatic: " + n.getBecause() + " (" + r.location() + ")"));
    }
    if (escalations != null) {
      for (Escalation e : escalations) {
        reasons.add(
            "Escalated to a human: "
                + e.getBecause()
                + " ("
                + catalog.get(e.getRule()).location()
                + ")");
      }
    }
    if (escalate) {
      Playbook escalated =
          choice != null && PolicyVocabulary.ESCALATE.equals(choice.getAction())
              ? playbook
              : ESCALATE_ONLY;
      return new Decision(
          true,
          classified.getErrorType(),
          categoryName,
          severity,
          priority,
          false,
          false,
          escalated,
          reasons);
    }
    Playbook chosen = playbook;
    if ("reinstall_library".equals(playbook.action()) && library != null) {
      List<String> versions = new ArrayList<>();
      for (String v : PolicyLists.split(library.getVersions())) {
        if (!v.equals(input.libraryVersion())) {
          versions.add(v);
        }
      }
      chosen = playbook.withLibraryVersions(versions);
      reasons.add(libraryLine(library, input, versions));
    }
    List<String> gated = new ArrayList<>(2);
    boolean primaryGated = false;
    for (Gate gate : gates) {
      RuleInfo home = catalog.get(gate.getRule());
      // a table row always says the same; the default rule's line names the action it gated
      reasons.add(
          home.entry().sheet() == null ? gateLine(home, gate) : line(gate, r -> gateLine(r, gate)));
      if (gate.isNeedsApproval() && !gated.contains(gate.getAction())) {
        gated.add(gate.getAction());
      }
      primaryGated |= gate.getAction().equals(chosen.action());
    }
    if (!primaryGated && !gated.contains(chosen.action())) {
      gated.add(chosen.action()); // no gate row fired for the first action: a person approves
    }
    chosen = chosen.withApprovalRequiredFor(gated);
    boolean approval = chosen.needsApproval(chosen.action());
    return new Decision(
        true,
        classified.getErrorType(),
        categoryName,
        severity,
        priority,
        true,
        approval,
        chosen,
        reasons);
  }

  private String line(Derived fact, Function<RuleInfo, String> build) {
    String rule = fact.getRule();
    String cached = lines.get(rule);
    if (cached == null) {
      cached = build.apply(catalog.get(rule));
      lines.put(rule, cached);
    }
    return cached;
  }

  private static String notAFailureLine(RuleInfo r, NotAFailure stop) {
    return "Not a failure: " + stop.getBecause() + " (" + r.evidence() + "; " + r.location() + ")";
  }

  private static String classifiedLine(RuleInfo r, String errorType) {
    if (r.entry().sheet() == null) {
      return "Classified as "
          + errorType
          + ": no code or message pattern in the classification workbook matched ("
          + r.location()
          + ")";
    }
    return "Classified as " + errorType + ": " + r.evidence() + " (" + r.location() + ")";
  }

  private static String categoryLine(RuleInfo r, String errorType, CategoryAssigned c) {
    return "Category " + c.getCategory() + " for " + errorType + " (" + r.location() + ")";
  }

  private static String assessmentLine(RuleInfo r, Classified c, Assessment a) {
    return "Severity "
        + a.getSeverity()
        + ", priority "
        + a.getPriority()
        + " for "
        + c.getErrorType()
        + " in "
        + c.getEnvironment()
        + " ("
        + r.location()
        + ")";
  }

  private static String playbookLine(RuleInfo r, Playbook p) {
    if (PolicyVocabulary.ESCALATE.equals(p.action())) {
      return "Playbook escalate: a human takes over (" + r.location() + ")";
    }
    StringBuilder sb = new StringBuilder("Playbook ").append(p.action());
    sb.append(": up to ")
        .append(p.maxRetries())
        .append(p.maxRetries() == 1 ? " retry" : " retries");
    if (!p.backoffSeconds().isEmpty()) {
      sb.append(", waiting ");
      for (int i = 0; i < p.backoffSeconds().size(); i++) {
        sb.append(i == 0 ? "" : "/").append(p.backoffSeconds().get(i));
      }
      sb.append(" s");
    }
    if (!p.fallbacks().isEmpty()) {
      sb.append(", then ").append(String.join(", then ", p.fallbacks()));
    }
    if (p.chain() != null) {
      sb.append(", then the ").append(p.chain()).append(" playbook");
    }
    return sb.append(" (").append(r.location()).append(')').toString();
  }

  private String gateLine(RuleInfo r, Gate gate) {
    String because = gate.getBecause() == null ? "" : ": " + gate.getBecause();
    return (gate.isNeedsApproval() ? "Needs approval" : "No approval needed")
        + (r.entry().sheet() == null ? "" : " for " + r.evidence())
        + because
        + " ("
        + r.location()
        + ")";
  }

  private String libraryLine(LibraryVersions l, PolicyInput in, List<String> versions) {
    String failed = in.libraryVersion();
    return "Library versions to try for "
        + in.libraryName()
        + ": "
        + String.join(", ", versions)
        + (failed == null ? "" : " (" + failed + " failed, so it is not retried)")
        + " ("
        + catalog.get(l.getRule()).location()
        + ")";
  }

  private static Playbook toPlaybook(PlaybookChoice c) {
    List<Integer> backoff = new ArrayList<>();
    for (String s : PolicyLists.split(c.getBackoff())) {
      backoff.add(Integer.valueOf(s));
    }
    String health = c.getHealthCheck() == null ? "none" : c.getHealthCheck();
    String chain = c.getChain() == null || c.getChain().isBlank() ? null : c.getChain();
    return new Playbook(
        c.getAction(),
        c.getMaxRetries(),
        backoff,
        c.getTimeoutSeconds(),
        !"none".equals(health),
        health,
        PolicyLists.split(c.getFallbacks()),
        chain,
        c.getCircuitBreakerThreshold(),
        List.of());
  }
}
