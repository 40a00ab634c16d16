package io.rebound.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What Rebound planned and did for one incident: steps and every attempt. */
@RestController
@RequestMapping("/api/remediation/plans")
class PlanController {

  private final PlanStore store;

  PlanController(PlanStore store) {
    this.store = store;
  }

  @GetMapping("/{incidentId}")
  PlanView forIncident(@PathVariable UUID incidentId) {
    Rows.Plan plan =
        store
            .planForIncident(incidentId)
            .orElseThrow(
                () ->
                    new RemediationApiException(
                        404,
                        "plan-not-found",
                        "Incident " + incidentId + " has no remediation plan"));
    List<Rows.Attempt> attempts = store.attempts(plan.id());
    List<StepView> steps =
        store.steps(plan.id()).stream()
            .map(
                s ->
                    new StepView(
                        s.stepNo(),
                        s.playbook(),
                        s.kind().toLowerCase(),
                        s.action(),
                        s.status().name().toLowerCase(),
                        s.maxAttempts(),
                        s.backoffSeconds(),
                        s.healthCheck(),
                        s.target(),
                        attempts.stream()
                            .filter(a -> a.stepNo() == s.stepNo())
                            .map(
                                a ->
                                    new AttemptView(
                                        a.attemptNo(),
                                        a.status().name().toLowerCase(),
                                        a.idempotencyKey(),
                                        a.startedAt(),
                                        a.finishedAt(),
                                        a.reference(),
                                        a.detail()))
                            .toList()))
            .toList();
    return new PlanView(
        plan.id(),
        plan.incidentId(),
        plan.status().name().toLowerCase(),
        plan.mode().id(),
        plan.requestedBy(),
        plan.outcomeReason(),
        plan.createdAt(),
        steps);
  }

  record PlanView(
      UUID id,
      UUID incidentId,
      String status,
      String mode,
      String requestedBy,
      String outcome,
      Instant createdAt,
      List<StepView> steps) {}

  record StepView(
      int step,
      String playbook,
      String kind,
      String action,
      String status,
      int maxAttempts,
      List<Integer> backoffSeconds,
      String healthCheck,
      Map<String, String> target,
      List<AttemptView> attempts) {}

  record AttemptView(
      int attempt,
      String status,
      String idempotencyKey,
      Instant startedAt,
      Instant finishedAt,
      String reference,
      String detail) {}
}
