package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Evaluation;
import io.rebound.policy.Playbook;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Approval gates: a parked plan, approve resumes it, reject and expiry escalate. */
class ApprovalIntegrationTest extends RemediationIntegrationTestBase {

  @Test
  void approveAllParksThePlanUntilAnApproverApprovesIt() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    IncidentDecided decided = inDevelopment(cluster, null);

    UUID approvalId = awaitPendingApproval(decided);
    assertThat(actions(decided)).contains("approval.requested");
    // parked: no attempt was made and none is scheduled, so nothing can run before the approval
    UUID planId = store.planForIncident(decided.incidentId()).orElseThrow().id();
    assertThat(store.attempts(planId)).isEmpty();
    assertThat(scheduledTasks("remediation-attempt", planId)).isZero();
    startsOf(cluster, 0);

    mvc.perform(
            post("/api/approvals/{id}/approve", approvalId)
                .with(user("approver-1a2b3c4d").roles("APPROVER"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"driver crash, restart is safe\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("approved"))
        .andExpect(jsonPath("$.decidedBy").value("approver-1a2b3c4d"))
        .andExpect(jsonPath("$.reason").value("driver crash, restart is safe"));

    awaitState(decided, "RESOLVED");
    startsOf(cluster, 1);
    assertThat(actorsOf(decided, "approval.granted")).containsExactly("approver-1a2b3c4d");
  }

  @Test
  void aFallbackThePolicyGatesWaitsForApprovalInAutoMode() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, 1, databricksError(500, "INTERNAL_ERROR"), "RUNNING");
    Playbook gatedFallback =
        new Playbook(
            "restart_cluster",
            0,
            List.of(),
            10,
            true,
            null,
            List.of("start_cluster"),
            null,
            5,
            List.of(),
            List.of("start_cluster"));

    IncidentDecided decided = publish(gatedFallback);

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                store.approvals(ApprovalStatus.PENDING).stream()
                    .anyMatch(a -> a.incidentId().equals(decided.incidentId())));
    Rows.Approval approval =
        store.approvals(ApprovalStatus.PENDING).stream()
            .filter(a -> a.incidentId().equals(decided.incidentId()))
            .findFirst()
            .orElseThrow();
    assertThat(approval.stepNo()).isEqualTo(1);
    assertThat(approval.summary()).startsWith("start_cluster on cluster:" + cluster);
    assertThat(state(decided)).isEqualTo("REMEDIATING");
    startsOf(cluster, 1);

    mvc.perform(
            post("/api/approvals/{id}/approve", approval.id())
                .with(user("approver-1a2b3c4d").roles("APPROVER"))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.step").value(1));

    awaitState(decided, "RESOLVED");
    startsOf(cluster, 2);
  }

  @Test
  void theRequesterCannotApproveTheirOwnReplay() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    IncidentDecided decided = inDevelopment(cluster, "approver-5e6f7a8b");
    UUID approvalId = awaitPendingApproval(decided);

    mvc.perform(
            post("/api/approvals/{id}/approve", approvalId)
                .with(user("approver-5e6f7a8b").roles("APPROVER"))
                .with(csrf()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("own-request"))
        .andExpect(
            jsonPath("$.detail")
                .value("You requested this remediation, so another approver must approve it"));
    startsOf(cluster, 0);

    mvc.perform(
            post("/api/approvals/{id}/approve", approvalId)
                .with(user("approver-9c0d1e2f").roles("APPROVER"))
                .with(csrf()))
        .andExpect(status().isOk());
    awaitState(decided, "RESOLVED");
  }

  @Test
  void rejectingEscalatesWithWhoAndWhyAndCallsNothing() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    IncidentDecided decided = inDevelopment(cluster, null);
    UUID approvalId = awaitPendingApproval(decided);

    mvc.perform(
            post("/api/approvals/{id}/reject", approvalId)
                .with(user("approver-1a2b3c4d").roles("APPROVER"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("reason-required"));
    mvc.perform(
            post("/api/approvals/{id}/reject", approvalId)
                .with(user("approver-1a2b3c4d").roles("APPROVER"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"cluster is being migrated\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("rejected"));

    awaitState(decided, "ESCALATED");
    assertThat(reason(decided))
        .isEqualTo("Remediation rejected by approver-1a2b3c4d: cluster is being migrated");
    mvc.perform(
            post("/api/approvals/{id}/approve", approvalId)
                .with(user("approver-9c0d1e2f").roles("APPROVER"))
                .with(csrf()))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("approval-not-pending"));
    startsOf(cluster, 0);
  }

  @Test
  void anUnansweredApprovalExpiresAndEscalates() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    IncidentDecided decided = inDevelopment(cluster, null);
    awaitPendingApproval(decided);

    awaitState(decided, "ESCALATED"); // approval-expiry is 3 s in these tests
    assertThat(reason(decided))
        .isEqualTo("No approver answered within 3 s; the plan was not executed");
    assertThat(actions(decided)).contains("approval.expired");
    startsOf(cluster, 0);
  }

  @Test
  void badApprovalRequestsGetPlainErrors() throws Exception {
    mvc.perform(
            post("/api/approvals/{id}/approve", UUID.randomUUID())
                .with(user("approver-1a2b3c4d").roles("APPROVER"))
                .with(csrf()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("approval-not-found"));
    mvc.perform(
            post("/api/approvals/{id}/approve", "not-a-uuid")
                .with(user("approver-1a2b3c4d").roles("APPROVER"))
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("'not-a-uuid' is not a valid id"));
    mvc.perform(get("/api/approvals?status=maybe").with(user("viewer-1").roles("VIEWER")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid-status"));
  }

  /**
   * An incident in development (approve-all). With a requester, it is opened by that operator's
   * replay of a delivery: the plan it starts is requested by them.
   */
  private IncidentDecided inDevelopment(String cluster, String requestedBy) {
    FailureFact fact = Incidents.clusterFailure(cluster, Environment.DEVELOPMENT);
    Playbook playbook = Incidents.playbook("restart_cluster", 0, List.of(), 10, List.of());
    if (requestedBy == null) {
      return record(fact, playbook, false);
    }
    Evaluation evaluation = Incidents.evaluation(fact, playbook, false);
    UUID incidentId = recorder.record(evaluation, null, requestedBy).incidentId();
    return new IncidentDecided(incidentId, fact, evaluation, requestedBy);
  }

  private UUID awaitPendingApproval(IncidentDecided decided) throws Exception {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> store.planForIncident(decided.incidentId()).isPresent());
    UUID planId = store.planForIncident(decided.incidentId()).orElseThrow().id();
    String body =
        mvc.perform(get("/api/approvals").with(user("viewer-1").roles("VIEWER")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body)
        .contains(planId.toString())
        .contains("restart_cluster on cluster:" + currentCluster);
    return store.approvals(ApprovalStatus.PENDING).stream()
        .filter(a -> a.planId().equals(planId))
        .findFirst()
        .orElseThrow()
        .id();
  }
}
