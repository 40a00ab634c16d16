package io.rebound.policy;

import io.rebound.policy.facts.ApprovalRows;
import io.rebound.policy.facts.AssessRows;
import io.rebound.policy.facts.EvidenceOrder;
import io.rebound.policy.facts.PlaybookRows;
import java.util.HashSet;
import java.util.Set;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;

/**
 * What one compiled policy hands its rules besides facts: the classification sheets' order and the
 * lookup sheets read as data (Playbooks; Never automatic, Categories, Severity; Approval). All are
 * fixed per policy version, read-only, and shared by every session of that version.
 */
record SessionGlobals(
    EvidenceOrder order, PlaybookRows playbooks, AssessRows assess, ApprovalRows approvals) {

  /**
   * Sets the globals the policy's rules declare. A version stored before a global existed (its
   * rules never mention it) still loads: Drools refuses a global its rules do not declare.
   */
  void setOn(KieSession session) {
    Set<String> declared = new HashSet<>();
    for (KiePackage p : session.getKieBase().getKiePackages()) {
      p.getGlobalVariables().forEach(g -> declared.add(g.getName()));
    }
    if (declared.contains("order")) {
      session.setGlobal("order", order);
    }
    if (declared.contains("playbooks")) {
      session.setGlobal("playbooks", playbooks);
    }
    if (declared.contains("assess")) {
      session.setGlobal("assess", assess);
    }
    if (declared.contains("approvals")) {
      session.setGlobal("approvals", approvals);
    }
  }
}
