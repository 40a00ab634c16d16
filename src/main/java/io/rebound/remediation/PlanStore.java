package io.rebound.remediation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plans, steps, attempts, approvals and settings in remediation's own tables. */
@Repository
class PlanStore {

  private final JdbcClient jdbc;

  PlanStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- plans

  /** Inserts the plan; throws DuplicateKeyException when the incident already has one. */
  /**
   * @param requestId the X-Request-Id of the delivery that decided the incident, or null
   */
  void insertPlan(Rows.Plan plan, String requestId) {
    jdbc.sql(
            """
            insert into remediation_plan (id, incident_id, status, mode, requested_by, environment,
              source, error_type, severity, resource_label, outcome_reason, created_at, updated_at,
              request_id)
            values (:id, :incident, :status, :mode, :requestedBy, :environment, :source, :errorType,
              :severity, :resource, :reason, :now, :now, :requestId)
            """)
        .param("id", plan.id())
        .param("incident", plan.incidentId())
        .param("status", plan.status().name())
        .param("mode", plan.mode().id())
        .param("requestedBy", plan.requestedBy())
        .param("environment", plan.environment())
        .param("source", plan.source())
        .param("errorType", plan.errorType())
        .param("severity", plan.severity())
        .param("resource", truncate(plan.resourceLabel(), 500))
        .param("reason", truncate(plan.outcomeReason(), 4000))
        .param("now", ts(plan.createdAt()))
        .param("requestId", requestId)
        .update();
  }

  /** The request id a plan was started under, to carry into the logs and audit of its tasks. */
  String requestIdOf(UUID planId) {
    return jdbc.sql("select request_id from remediation_plan where id = ?")
        .param(planId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  boolean planExistsFor(UUID incidentId) {
    return jdbc.sql("select count(*) from remediation_plan where incident_id = :i")
            .param("i", incidentId)
            .query(Integer.class)
            .single()
        > 0;
  }

  Optional<Rows.Plan> plan(UUID planId) {
    return jdbc.sql("select * from remediation_plan where id = :id")
        .param("id", planId)
        .query(PlanStore::plan)
        .optional();
  }

  Optional<Rows.Plan> planForIncident(UUID incidentId) {
    return jdbc.sql("select * from remediation_plan where incident_id = :id")
        .param("id", incidentId)
        .query(PlanStore::plan)
        .optional();
  }

  /** How many plans are in each status (statuses with none are absent). */
  Map<String, Long> planCounts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql("select status, count(*) from remediation_plan group by status")
        .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
        .list();
    return counts;
  }

  List<Rows.Plan> plans(PlanStatus status) {
    return jdbc.sql("select * from remediation_plan where status = :s order by created_at")
        .param("s", status.name())
        .query(PlanStore::plan)
        .list();
  }

  /**
   * Moves a plan from one status to another if it is still in the first: false when another thread
   * or instance moved it first.
   */
  boolean movePlan(UUID planId, PlanStatus from, PlanStatus to, String reason) {
    from.checkCanMoveTo(to);
    return jdbc.sql(
                """
                update remediation_plan set status = :to, updated_at = :now,
                  outcome_reason = coalesce(:reason, outcome_reason)
                where id = :id and status = :from
                """)
            .param("to", to.name())
            .param("from", from.name())
            .param("reason", truncate(reason, 4000))
            .param("now", ts(Instant.now()))
            .param("id", planId)
            .update()
        == 1;
  }

  void saveSnapshot(UUID planId, String snapshotJson) {
    jdbc.sql("update remediation_plan set snapshot_json = :s where id = :id")
        .param("s", snapshotJson)
        .param("id", planId)
        .update();
  }

  // ---- steps

  void insertSteps(UUID planId, List<StepSpec> steps) {
    for (int i = 0; i < steps.size(); i++) {
      StepSpec s = steps.get(i);
      jdbc.sql(
              """
              insert into remediation_step (plan_id, step_no, stage_no, kind, playbook, action,
                max_attempts, backoff_seconds, timeout_seconds, health_check, breaker_threshold,
                target_json, parameters_json, status, needs_approval)
              values (:plan, :no, :stage, :kind, :playbook, :action, :max, :backoff, :timeout,
                :check, :threshold, :target, :params, 'PENDING', :gated)
              """)
          .param("plan", planId)
          .param("no", i)
          .param("stage", s.stageNo())
          .param("kind", s.kind().name())
          .param("playbook", s.playbook())
          .param("action", s.action())
          .param("max", s.maxAttempts())
          .param(
              "backoff",
              String.join(",", s.backoffSeconds().stream().map(String::valueOf).toList()))
          .param("timeout", s.timeoutSeconds())
          .param("check", s.healthCheck())
          .param("threshold", s.breakerThreshold())
          .param("target", Json.write(s.target()))
          .param("params", Json.write(s.parameters()))
          .param("gated", s.needsApproval())
          .update();
    }
  }

  List<Rows.Step> steps(UUID planId) {
    return jdbc.sql("select * from remediation_step where plan_id = :p order by step_no")
        .param("p", planId)
        .query(PlanStore::step)
        .list();
  }

  Optional<Rows.Step> step(UUID planId, int stepNo) {
    return jdbc.sql("select * from remediation_step where plan_id = :p and step_no = :n")
        .param("p", planId)
        .param("n", stepNo)
        .query(PlanStore::step)
        .optional();
  }

  /** Saves a step's move if the step is still where it was read; false when it moved first. */
  boolean moveStep(Rows.Step from, Rows.Step to) {
    return jdbc.sql(
                """
                update remediation_step set status = :to
                where plan_id = :p and step_no = :n and status = :from
                """)
            .param("to", to.status().name())
            .param("from", from.status().name())
            .param("p", from.planId())
            .param("n", from.stepNo())
            .update()
        == 1;
  }

  // ---- attempts

  /** Inserts the attempt row; throws DuplicateKeyException when it was claimed before. */
  void insertAttempt(Rows.Attempt a) {
    jdbc.sql(
            """
            insert into remediation_attempt (id, plan_id, step_no, attempt_no, status,
              counts_as_retry, idempotency_key, resource_key, started_at)
            values (:id, :plan, :step, :no, 'CLAIMED', true, :key, :resource, :started)
            """)
        .param("id", a.id())
        .param("plan", a.planId())
        .param("step", a.stepNo())
        .param("no", a.attemptNo())
        .param("key", a.idempotencyKey())
        .param("resource", a.resourceKey())
        .param("started", ts(a.startedAt()))
        .update();
  }

  Optional<Rows.Attempt> attempt(UUID planId, int stepNo, int attemptNo) {
    return jdbc.sql(
            "select * from remediation_attempt where plan_id = :p and step_no = :s and attempt_no = :a")
        .param("p", planId)
        .param("s", stepNo)
        .param("a", attemptNo)
        .query(PlanStore::attempt)
        .optional();
  }

  List<Rows.Attempt> attempts(UUID planId) {
    return jdbc.sql(
            "select * from remediation_attempt where plan_id = :p order by step_no, attempt_no")
        .param("p", planId)
        .query(PlanStore::attempt)
        .list();
  }

  /**
   * Saves an attempt's move if the attempt is still where it was read; false when another run of
   * the same attempt moved it first.
   */
  boolean moveAttempt(Rows.Attempt from, Rows.Attempt to) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (to.resultStatus() != null) {
      result.put("status", to.resultStatus());
      result.put("data", to.resultData());
    }
    return jdbc.sql(
                """
                update remediation_attempt set status = :to, counts_as_retry = :counts,
                  performed_at = :performed, finished_at = :finished, deadline = :deadline,
                  reference = :ref, result_json = :result, detail = :detail
                where id = :id and status = :from
                """)
            .param("to", to.status().name())
            .param("counts", to.countsAsAttempt())
            .param("performed", ts(to.performedAt()))
            .param("finished", ts(to.finishedAt()))
            .param("deadline", ts(to.deadline()))
            .param("ref", truncate(to.reference(), 500))
            .param("result", result.isEmpty() ? null : Json.write(result))
            .param("detail", truncate(to.detail(), 4000))
            .param("id", from.id())
            .param("from", from.status().name())
            .update()
        == 1;
  }

  int countedAttempts(UUID planId, int stepNo) {
    return jdbc.sql(
            """
            select count(*) from remediation_attempt
            where plan_id = :p and step_no = :s and counts_as_retry = true
            """)
        .param("p", planId)
        .param("s", stepNo)
        .query(Integer.class)
        .single();
  }

  int throttledAttempts(UUID planId, int stepNo) {
    return jdbc.sql(
            """
            select count(*) from remediation_attempt
            where plan_id = :p and step_no = :s and status = 'THROTTLED'
            """)
        .param("p", planId)
        .param("s", stepNo)
        .query(Integer.class)
        .single();
  }

  int actionsSince(String resourceKey, Instant since) {
    return jdbc.sql(
            "select count(*) from remediation_attempt where resource_key = :r and started_at >= :t")
        .param("r", resourceKey)
        .param("t", ts(since))
        .query(Integer.class)
        .single();
  }

  int actionsSince(Instant since) {
    return jdbc.sql("select count(*) from remediation_attempt where started_at >= :t")
        .param("t", ts(since))
        .query(Integer.class)
        .single();
  }

  // ---- approvals

  void insertApproval(Rows.Approval a) {
    jdbc.sql(
            """
            insert into remediation_approval (id, plan_id, step_no, incident_id, status,
              requested_by, requested_at, expires_at, summary)
            values (:id, :plan, :step, :incident, 'PENDING', :by, :at, :expires, :summary)
            """)
        .param("id", a.id())
        .param("plan", a.planId())
        .param("step", a.stepNo())
        .param("incident", a.incidentId())
        .param("by", a.requestedBy())
        .param("at", ts(a.requestedAt()))
        .param("expires", ts(a.expiresAt()))
        .param("summary", truncate(a.summary(), 4000))
        .update();
  }

  Optional<Rows.Approval> approval(UUID id) {
    return jdbc.sql("select * from remediation_approval where id = :id")
        .param("id", id)
        .query(PlanStore::approval)
        .optional();
  }

  List<Rows.Approval> approvals(ApprovalStatus status) {
    if (status == null) {
      return jdbc.sql("select * from remediation_approval order by requested_at desc")
          .query(PlanStore::approval)
          .list();
    }
    return jdbc.sql(
            "select * from remediation_approval where status = :s order by requested_at desc")
        .param("s", status.name())
        .query(PlanStore::approval)
        .list();
  }

  /** Saves an approval's decision if it is still PENDING; false when it was decided first. */
  boolean decideApproval(Rows.Approval from, Rows.Approval to) {
    return jdbc.sql(
                """
                update remediation_approval set status = :s, decided_by = :by, decided_at = :at,
                  reason = :reason
                where id = :id and status = :from
                """)
            .param("s", to.status().name())
            .param("by", to.decidedBy())
            .param("at", ts(to.decidedAt()))
            .param("reason", truncate(to.reason(), 4000))
            .param("id", from.id())
            .param("from", from.status().name())
            .update()
        == 1;
  }

  // ---- settings

  Optional<String> setting(String name) {
    return jdbc.sql("select setting_value from remediation_setting where name = :n")
        .param("n", name)
        .query(String.class)
        .optional();
  }

  void putSetting(String name, String value, String by) {
    int updated =
        jdbc.sql(
                """
                update remediation_setting set setting_value = :v, updated_by = :by, updated_at = :now
                where name = :n
                """)
            .param("v", value)
            .param("by", by)
            .param("now", ts(Instant.now()))
            .param("n", name)
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              insert into remediation_setting (name, setting_value, updated_by, updated_at)
              values (:n, :v, :by, :now)
              """)
          .param("v", value)
          .param("by", by)
          .param("now", ts(Instant.now()))
          .param("n", name)
          .update();
    }
  }

  // ---- mapping

  private static Rows.Plan plan(ResultSet rs, int row) throws SQLException {
    return new Rows.Plan(
        rs.getObject("id", UUID.class),
        rs.getObject("incident_id", UUID.class),
        PlanStatus.valueOf(rs.getString("status")),
        Mode.valueOf(rs.getString("mode").toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
        rs.getString("requested_by"),
        rs.getString("environment"),
        rs.getString("source"),
        rs.getString("error_type"),
        rs.getString("severity"),
        rs.getString("resource_label"),
        rs.getString("outcome_reason"),
        rs.getString("snapshot_json"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static Rows.Step step(ResultSet rs, int row) throws SQLException {
    String backoff = rs.getString("backoff_seconds");
    List<Integer> backoffSeconds =
        backoff == null || backoff.isBlank()
            ? List.of()
            : Arrays.stream(backoff.split(",")).map(String::trim).map(Integer::valueOf).toList();
    return new Rows.Step(
        rs.getObject("plan_id", UUID.class),
        rs.getInt("step_no"),
        rs.getInt("stage_no"),
        rs.getString("kind"),
        rs.getString("playbook"),
        rs.getString("action"),
        rs.getInt("max_attempts"),
        backoffSeconds,
        rs.getInt("timeout_seconds"),
        rs.getString("health_check"),
        rs.getInt("breaker_threshold"),
        Json.stringMap(rs.getString("target_json")),
        Json.stringMap(rs.getString("parameters_json")),
        StepStatus.valueOf(rs.getString("status")),
        rs.getBoolean("needs_approval"));
  }

  private static Rows.Attempt attempt(ResultSet rs, int row) throws SQLException {
    Map<String, Object> result = Json.objectMap(rs.getString("result_json"));
    Map<String, String> data = new LinkedHashMap<>();
    if (result.get("data") instanceof Map<?, ?> d) {
      d.forEach((k, v) -> data.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    }
    return new Rows.Attempt(
        rs.getObject("id", UUID.class),
        rs.getObject("plan_id", UUID.class),
        rs.getInt("step_no"),
        rs.getInt("attempt_no"),
        AttemptStatus.valueOf(rs.getString("status")),
        rs.getString("idempotency_key"),
        rs.getString("resource_key"),
        instant(rs, "started_at"),
        instant(rs, "performed_at"),
        instant(rs, "finished_at"),
        instant(rs, "deadline"),
        rs.getString("reference"),
        data,
        result.get("status") == null ? null : String.valueOf(result.get("status")),
        rs.getString("detail"));
  }

  private static Rows.Approval approval(ResultSet rs, int row) throws SQLException {
    return new Rows.Approval(
        rs.getObject("id", UUID.class),
        rs.getObject("plan_id", UUID.class),
        rs.getInt("step_no"),
        rs.getObject("incident_id", UUID.class),
        ApprovalStatus.valueOf(rs.getString("status")),
        rs.getString("requested_by"),
        instant(rs, "requested_at"),
        instant(rs, "expires_at"),
        rs.getString("summary"),
        rs.getString("decided_by"),
        instant(rs, "decided_at"),
        rs.getString("reason"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}
