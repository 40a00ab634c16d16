package io.rebound.remediation;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Plans parked for approval: list, approve, reject (approver role, enforced by security). */
@RestController
@RequestMapping("/api/approvals")
class ApprovalController {

  private final ApprovalService approvals;

  ApprovalController(ApprovalService approvals) {
    this.approvals = approvals;
  }

  /**
   * @param status pending (default), approved, rejected, expired or all
   */
  @GetMapping
  List<ApprovalView> list(@RequestParam(defaultValue = "pending") String status) {
    String wanted = status.trim().toUpperCase(Locale.ROOT);
    if (!List.of("PENDING", "APPROVED", "REJECTED", "EXPIRED", "ALL").contains(wanted)) {
      throw new RemediationApiException(
          400,
          "invalid-status",
          "status must be pending, approved, rejected, expired or all, not '" + status + "'");
    }
    return approvals.list("ALL".equals(wanted) ? null : ApprovalStatus.valueOf(wanted)).stream()
        .map(ApprovalView::of)
        .toList();
  }

  @PostMapping("/{id}/approve")
  ApprovalView approve(
      @PathVariable UUID id, @RequestBody(required = false) Decision body, Principal principal) {
    return ApprovalView.of(approvals.approve(id, nameOf(principal), reasonOf(body, false)));
  }

  @PostMapping("/{id}/reject")
  ApprovalView reject(
      @PathVariable UUID id, @RequestBody(required = false) Decision body, Principal principal) {
    return ApprovalView.of(approvals.reject(id, nameOf(principal), reasonOf(body, true)));
  }

  private static String nameOf(Principal principal) {
    if (principal == null) {
      throw new RemediationApiException(401, "unauthenticated", "Sign in as an approver first");
    }
    return principal.getName();
  }

  private static String reasonOf(Decision body, boolean required) {
    String reason = body == null ? null : body.reason();
    if (reason == null || reason.isBlank()) {
      if (required) {
        throw new RemediationApiException(
            400, "reason-required", "Say why in the body: {\"reason\": \"...\"}");
      }
      return "approved";
    }
    if (reason.length() > 2000) {
      throw new RemediationApiException(
          400, "reason-too-long", "The reason may be at most 2000 characters");
    }
    return reason.trim();
  }

  record Decision(String reason) {}

  record ApprovalView(
      UUID id,
      UUID incidentId,
      UUID planId,
      int step,
      String status,
      String plan,
      String requestedBy,
      Instant requestedAt,
      Instant expiresAt,
      String decidedBy,
      Instant decidedAt,
      String reason) {

    static ApprovalView of(Rows.Approval a) {
      return new ApprovalView(
          a.id(),
          a.incidentId(),
          a.planId(),
          a.stepNo(),
          a.status().name().toLowerCase(Locale.ROOT),
          a.summary(),
          a.requestedBy(),
          a.requestedAt(),
          a.expiresAt(),
          a.decidedBy(),
          a.decidedAt(),
          a.reason());
    }
  }
}
