package io.rebound.policy;

import io.rebound.policy.facts.EvidenceOrder;
import io.rebound.policy.facts.PlaybookRows;
import org.kie.api.runtime.KieSession;

/**
 * What one compiled policy hands its rules besides facts: the classification sheets' order and the
 * Playbooks table read as data. Both are fixed per policy version, read-only, and shared by every
 * session of that version.
 */
record SessionGlobals(EvidenceOrder order, PlaybookRows playbooks) {

  void setOn(KieSession session) {
    session.setGlobal("order", order);
    session.setGlobal("playbooks", playbooks);
  }
}
