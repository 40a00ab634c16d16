package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Evaluation;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-off from decision to plan, and the watchdog behind it, against crashes simulated in the
 * database exactly as a kill -9 leaves it. The scheduler here detects a dead instance's work within
 * seconds (1 s heartbeats) and the watchdog runs only when a test calls it, with no grace period.
 */
@TestPropertySource(
    properties = {
      "rebound.remediation.scheduler.heartbeat-interval=1s",
      "rebound.remediation.watchdog.interval=1h",
      "rebound.remediation.watchdog.grace=0s"
    })
class HandoffIntegrationTest extends RemediationIntegrationTestBase {

  @Autowired PlatformTransactionManager transactions;
  @Autowired PlanWatchdog watchdog;

  // ---------------------------------------------------------------- decision and start record

  @Test
  void aDecisionRolledBackTakesItsStartRecordWithIt() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    Evaluation evaluation = restartEvaluation(cluster);
    AtomicReference<UUID> incident = new AtomicReference<>();

    assertThatThrownBy(
            () ->
                new TransactionTemplate(transactions)
                    .executeWithoutResult(
                        s -> {
                          incident.set(recorder.record(evaluation, null).incidentId());
                          // inside the deciding transaction, both are there
                          assertThat(incidentCount(incident.get())).isEqualTo(1);
                          assertThat(startRecords(incident.get())).isEqualTo(1);
                          throw new IllegalStateException("the batch failed after the decision");
                        }))
        .hasMessage("the batch failed after the decision");

    assertThat(incidentCount(incident.get())).isZero();
    assertThat(startRecords(incident.get())).isZero();
    assertThat(store.planExistsFor(incident.get())).isFalse();
    // a later decision on the same failure is then planned and carried out normally
    IncidentDecided decided = record(evaluation);
    awaitState(decided, "RESOLVED");
    startsOf(cluster, 1);
  }

  @Test
  void theStartRecordIsCommittedWithTheDecisionAndConsumedByThePlan() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");

    IncidentDecided decided = record(restartEvaluation(cluster));

    awaitState(decided, "RESOLVED");
    assertThat(startRecords(decided.incidentId())).isZero();
    assertThat(store.planForIncident(decided.incidentId()).orElseThrow().status())
        .isEqualTo(PlanStatus.RESOLVED);
    startsOf(cluster, 1);
  }

  // ---------------------------------------------------------------- crashes between the two

  @Test
  void aStartRecordLeftRunningByACrashedInstanceIsPlannedOnce() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");

    // The decision commits; the instance that picked its start record dies before the plan
    // commits: the row stays picked by it, its heartbeat long stopped.
    IncidentDecided decided =
        decideAndThen(
            cluster,
            incidentId ->
                jdbc.sql(
                        """
                        update scheduled_tasks set picked = true, picked_by = 'crashed-node',
                          last_heartbeat = :then, execution_time = :then
                        where task_name = :task and task_instance = :id
                        """)
                    .param("then", Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                    .param("task", PlanStarter.START.getTaskName())
                    .param("id", incidentId.toString())
                    .update());
    assertThat(store.planExistsFor(decided.incidentId())).isFalse();

    awaitState(decided, "RESOLVED");
    assertThat(startRecords(decided.incidentId())).isZero();
    startsOf(cluster, 1);
  }

  @Test
  void aDecidedIncidentWithNeitherPlanNorStartRecordIsPlannedByTheNextSweep() throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");

    // What the old after-commit hand-off left behind when the JVM died after the commit.
    IncidentDecided decided =
        decideAndThen(
            cluster,
            incidentId ->
                jdbc.sql("delete from scheduled_tasks where task_name = :t and task_instance = :i")
                    .param("t", PlanStarter.START.getTaskName())
                    .param("i", incidentId.toString())
                    .update());
    assertThat(state(decided)).isEqualTo("DECIDED");
    assertThat(store.planExistsFor(decided.incidentId())).isFalse();

    PlanWatchdog.Round round = watchdog.run();

    assertThat(round.startRecordsRewritten()).isEqualTo(1);
    awaitState(decided, "RESOLVED");
    startsOf(cluster, 1);
    assertThat(watchdog.run().startRecordsRewritten()).isZero();
  }

  // ---------------------------------------------------------------- stuck plans

  @Test
  void aRunningPlanWithNothingScheduledIsEscalatedWithTheReasonAndANotification() throws Exception {
    // first attempt an hour away: the plan runs, with one task waiting
    IncidentDecided stuck = planned(3600, false);
    String cluster = currentCluster;
    UUID planId = store.planForIncident(stuck.incidentId()).orElseThrow().id();
    assertThat(watchdog.run().escalated())
        .as("a plan waiting for its backoff is not stuck")
        .isZero();

    // a crash loses the plan's only task
    jdbc.sql("delete from scheduled_tasks where task_instance like :p")
        .param("p", planId + ":%")
        .update();

    // a healthy plan beside it, also waiting an hour, is left alone
    IncidentDecided healthy = planned(3600, false);

    assertThat(watchdog.run().escalated()).isEqualTo(1);

    awaitState(stuck, "ESCALATED");
    assertThat(store.plan(planId).orElseThrow().status()).isEqualTo(PlanStatus.ESCALATED);
    assertThat(reason(stuck)).contains("Rebound stopped working on this plan");
    assertThat(actions(stuck)).containsSubsequence("watchdog.escalated", "incident.escalated");
    await()
        .untilAsserted(
            () ->
                PLATFORM.verify(
                    postRequestedFor(urlPathEqualTo(SLACK_PATH))
                        .withRequestBody(containing(stuck.incidentId().toString()))
                        .withRequestBody(containing("stopped working on this plan"))));
    assertThat(store.planForIncident(healthy.incidentId()).orElseThrow().status())
        .isEqualTo(PlanStatus.RUNNING);
    startsOf(cluster, 0);
    assertThat(watchdog.run().escalated()).isZero();
  }

  @Test
  void aPlanWaitingForAnApproverIsNotStuck() throws Exception {
    IncidentDecided waiting = planned(0, true);
    await()
        .until(
            () ->
                store
                    .planForIncident(waiting.incidentId())
                    .map(p -> p.status() == PlanStatus.AWAITING_APPROVAL)
                    .orElse(false));
    UUID planId = store.planForIncident(waiting.incidentId()).orElseThrow().id();
    // even with its expiry task gone, a pending approval means a person has it
    jdbc.sql("delete from scheduled_tasks where task_name = :t")
        .param("t", StepTasks.APPROVAL_EXPIRY.getTaskName())
        .update();

    watchdog.run();

    assertThat(store.plan(planId).orElseThrow().status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
  }

  // ---------------------------------------------------------------- helpers

  private static Evaluation restartEvaluation(String cluster) {
    FailureFact fact = Incidents.clusterFailure(cluster, Environment.PRODUCTION);
    return Incidents.evaluation(
        fact, Incidents.playbook("restart_cluster", 1, List.of(0), 10, List.of()), false);
  }

  /** A production cluster restart decided and planned, its first attempt after {@code wait} s. */
  private IncidentDecided planned(int wait, boolean approvalRequired) throws Exception {
    String cluster = cluster();
    stubTerminatedCluster(cluster, "RUNNING");
    IncidentDecided decided =
        record(
            Incidents.evaluation(
                Incidents.clusterFailure(cluster, Environment.PRODUCTION),
                Incidents.playbook("restart_cluster", 1, List.of(wait), 10, List.of()),
                approvalRequired));
    await().until(() -> store.planExistsFor(decided.incidentId()));
    return decided;
  }

  /**
   * Decides a restart of this cluster and, in the same transaction, changes what a crash would have
   * changed.
   */
  private IncidentDecided decideAndThen(String cluster, Consumer<UUID> crash) {
    return new TransactionTemplate(transactions)
        .execute(
            s -> {
              IncidentDecided d = record(restartEvaluation(cluster));
              crash.accept(d.incidentId());
              return d;
            });
  }

  private IncidentDecided record(Evaluation evaluation) {
    UUID incidentId = recorder.record(evaluation, null).incidentId();
    assertThat(incidentId).isNotNull();
    return new IncidentDecided(incidentId, evaluation.fact(), evaluation);
  }

  private int incidentCount(UUID incidentId) {
    return jdbc.sql("select count(*) from incident where id = :id")
        .param("id", incidentId)
        .query(Integer.class)
        .single();
  }

  private int startRecords(UUID incidentId) {
    return jdbc.sql(
            "select count(*) from scheduled_tasks where task_name = :t and task_instance = :i")
        .param("t", PlanStarter.START.getTaskName())
        .param("i", incidentId.toString())
        .query(Integer.class)
        .single();
  }
}
