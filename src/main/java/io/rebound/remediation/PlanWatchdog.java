package io.rebound.remediation;

import io.rebound.incident.DecidedIncidents;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last line of defence against work that nothing will ever do. Runs at every start and then
 * periodically on one instance of the cluster (a recurring db-scheduler task):
 *
 * <ul>
 *   <li>a decided incident with neither a plan nor a start record gets its start record again;
 *   <li>a plan that is not final, has no scheduled task and waits for no approver is stuck (a crash
 *       in a place the executor cannot recover from): it is escalated with the reason, in the audit
 *       trail and through the outcome task's notification.
 * </ul>
 *
 * Both checks and the escalation are single statements over committed rows: a plan's next task is
 * always committed before its current one is removed, so a healthy plan is never seen without one.
 */
@Component
class PlanWatchdog {

  static final String WATCHDOG_TASK = "remediation-watchdog";
  static final String STUCK_REASON =
      "Rebound stopped working on this plan (it was %s with nothing scheduled and no approval"
          + " pending, most likely after a crash); a person must check the resource and finish"
          + " the remediation";

  private static final Logger log = LoggerFactory.getLogger(PlanWatchdog.class);
  private static final int PAGE = 500;

  /** A plan that is not final, has no task of its own in the scheduler and no pending approval. */
  private static final String STUCK =
      """
      p.status not in ('RESOLVED', 'ESCALATED')
      and not exists (select 1 from remediation_approval a
                      where a.plan_id = p.id and a.status = 'PENDING')
      and not exists (select 1 from scheduled_tasks t
                      where t.task_instance = cast(p.id as varchar)
                         or t.task_instance like concat(cast(p.id as varchar), ':%'))
      """;

  private final JdbcClient jdbc;
  private final DecidedIncidents decided;
  private final PlanStarter starter;
  private final StepTasks tasks;
  private final IncidentGateway incidents;
  private final WatchdogProperties properties;
  private final TransactionTemplate tx;

  PlanWatchdog(
      JdbcClient jdbc,
      DecidedIncidents decided,
      PlanStarter starter,
      StepTasks tasks,
      IncidentGateway incidents,
      WatchdogProperties properties,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.decided = decided;
    this.starter = starter;
    this.tasks = tasks;
    this.incidents = incidents;
    this.properties = properties;
    this.tx = new TransactionTemplate(transactions);
  }

  /** What one round found and did. */
  record Round(
      int waitingForPlan, int startRecordsPending, int startRecordsRewritten, int escalated) {}

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    Round round = run();
    log.info(
        "Start-up check: {} decided incident(s) waiting for a plan ({} with a pending start"
            + " record, {} given a new one); {} stuck plan(s) escalated",
        round.waitingForPlan(),
        round.startRecordsPending(),
        round.startRecordsRewritten(),
        round.escalated());
  }

  /** One round of both checks. */
  Round run() {
    int waiting = 0;
    int rewritten = 0;
    Set<String> pending = new HashSet<>(pendingStartRecords());
    List<UUID> unplanned = unplanned();
    for (UUID incidentId : unplanned) {
      waiting++;
      if (!pending.contains(incidentId.toString()) && starter.writeStartRecord(incidentId, null)) {
        rewritten++;
        log.warn(
            "Incident {} was decided but had no plan and no start record: planning it now",
            incidentId);
      }
    }
    int escalated = escalateStuckPlans();
    if (rewritten > 0 || escalated > 0) {
      log.warn(
          "Watchdog: {} decided incident(s) given a start record again, {} stuck plan(s)"
              + " escalated",
          rewritten,
          escalated);
    }
    return new Round(waiting, pending.size(), rewritten, escalated);
  }

  /**
   * Decided incidents that have no plan yet. Most decided incidents have one (a plan waiting for an
   * approver keeps its incident DECIDED), so they are read a page at a time.
   */
  private List<UUID> unplanned() {
    List<UUID> unplanned = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      List<UUID> waiting = decided.awaitingRemediation(offset, PAGE);
      if (!waiting.isEmpty()) {
        Set<UUID> planned =
            new HashSet<>(
                jdbc.sql("select incident_id from remediation_plan where incident_id in (:ids)")
                    .param("ids", waiting)
                    .query(UUID.class)
                    .list());
        waiting.stream().filter(id -> !planned.contains(id)).forEach(unplanned::add);
      }
      if (waiting.size() < PAGE) {
        return unplanned;
      }
    }
  }

  private List<String> pendingStartRecords() {
    return jdbc.sql("select task_instance from scheduled_tasks where task_name = :name")
        .param("name", PlanStarter.START.getTaskName())
        .query(String.class)
        .list();
  }

  private int escalateStuckPlans() {
    Timestamp before = Timestamp.from(Instant.now().minus(properties.grace()));
    List<Stuck> stuck =
        jdbc.sql(
                "select p.id, p.incident_id, p.status from remediation_plan p where "
                    + STUCK
                    + " and p.updated_at < :before order by p.updated_at")
            .param("before", before)
            .query(
                (rs, row) ->
                    new Stuck(
                        rs.getObject("id", UUID.class),
                        rs.getObject("incident_id", UUID.class),
                        rs.getString("status")))
            .list();
    int escalated = 0;
    for (Stuck plan : stuck) {
      if (escalate(plan, before)) {
        escalated++;
      }
    }
    return escalated;
  }

  private record Stuck(UUID planId, UUID incidentId, String status) {}

  /** Escalates the plan if it is still stuck; the outcome task then notifies and closes it. */
  private boolean escalate(Stuck plan, Timestamp before) {
    PlanStatus from = PlanStatus.valueOf(plan.status());
    from.checkCanMoveTo(PlanStatus.ESCALATED);
    String reason = STUCK_REASON.formatted(from.name().toLowerCase(java.util.Locale.ROOT));
    Boolean moved =
        tx.execute(
            s -> {
              int updated =
                  jdbc.sql(
                          "update remediation_plan p set status = 'ESCALATED', outcome_reason ="
                              + " :reason, updated_at = :now where p.id = :id and p.status ="
                              + " :from and p.updated_at < :before and "
                              + STUCK)
                      .param("reason", reason)
                      .param("now", Timestamp.from(Instant.now()))
                      .param("id", plan.planId())
                      .param("from", from.name())
                      .param("before", before)
                      .update();
              if (updated == 1) {
                tasks.outcome(plan.planId());
              }
              return updated == 1;
            });
    if (Boolean.TRUE.equals(moved)) {
      log.warn(
          "Plan {} of incident {} was stuck ({}); escalated",
          plan.planId(),
          plan.incidentId(),
          from);
      incidents.audit(
          plan.incidentId(),
          "watchdog.escalated",
          PlanExecutor.details(
              "plan", plan.planId().toString(), "was", from.name(), "why", reason));
      return true;
    }
    return false;
  }
}
