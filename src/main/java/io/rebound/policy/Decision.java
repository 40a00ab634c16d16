package io.rebound.policy;

import io.rebound.failure.Priority;
import io.rebound.failure.Severity;
import java.util.List;

/**
 * What the policy decided about one fact.
 *
 * @param failure false for normal stops, successes and resolved alerts: nothing to do
 * @param errorType one of {@link io.rebound.failure.ErrorTypes}, null when not a failure
 * @param category the CI/CD-style category (infrastructure, configuration, ...)
 * @param severity critical, high, medium, low, info
 * @param priority P1 to P4
 * @param remediable whether Rebound may act on its own (false: escalate to a human)
 * @param approvalRequired whether a human must approve before the first action
 * @param playbook what to do; null when not a failure
 * @param reasons one plain line per rule that shaped the decision
 */
public record Decision(
    boolean failure,
    String errorType,
    String category,
    Severity severity,
    Priority priority,
    boolean remediable,
    boolean approvalRequired,
    Playbook playbook,
    List<String> reasons) {

  public Decision {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
