package io.rebound.remediation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remediation at a glance for the dashboard's overview, in one read: plans by status, approvals
 * waiting, breakers by state and whether actions are allowed at all.
 */
@RestController
class RemediationSummaryController {

  private final PlanStore store;
  private final Breakers breakers;
  private final KillSwitch killSwitch;

  RemediationSummaryController(PlanStore store, Breakers breakers, KillSwitch killSwitch) {
    this.store = store;
    this.breakers = breakers;
    this.killSwitch = killSwitch;
  }

  @GetMapping("/api/remediation/summary")
  Map<String, Object> summary() {
    Map<String, Long> breakersByState = new TreeMap<>();
    for (Breakers.Breaker b : breakers.all()) {
      breakersByState.merge(b.state().name(), 1L, Long::sum);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plansByStatus", store.planCounts());
    body.put("approvalsWaiting", store.approvals(ApprovalStatus.PENDING).size());
    body.put("breakersByState", breakersByState);
    body.put("actionsAllowed", killSwitch.allowsActions());
    body.put("switchedOffByAdmin", killSwitch.switchedOffAtRuntime());
    return body;
  }
}
