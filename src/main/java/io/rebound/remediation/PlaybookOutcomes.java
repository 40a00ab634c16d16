package io.rebound.remediation;

import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Decision;
import io.rebound.policy.ExplanationEntry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of the plans each playbook row started: counted per error type, action and row for
 * ops (GET /api/stats/playbooks) and per error type and action for the guards. The row and action
 * are written with the decision (table remediation_decision_row); the outcome is the plan's final
 * status, and the time to resolve runs from the plan's creation to its resolution. Percentiles are
 * computed here rather than in SQL, which H2 and PostgreSQL spell differently.
 */
@Component
class PlaybookOutcomes {

  /** Rows of decisions with no Playbooks row (a default escalation) are counted under this. */
  static final String NO_ROW = "no playbook row";

  /** One decided incident and, once its plan ended, how. */
  record Sample(
      String errorType, String action, String tableRow, PlanStatus status, Long secondsToResolve) {}

  /**
   * @param decisions incidents decided this way
   * @param runs plans that ended (resolved or escalated)
   * @param successRate percentage of runs that resolved, one decimal; null with no run
   */
  record Outcome(
      String errorType,
      String action,
      String tableRow,
      int decisions,
      int runs,
      int resolved,
      int escalations,
      Double successRate,
      Long medianSecondsToResolve,
      Long p90SecondsToResolve) {}

  private final JdbcClient jdbc;

  PlaybookOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * In the deciding transaction: the row commits with the decision or not at all. A repeated event
   * for the same incident (a duplicate delivery of the decision) keeps the first row.
   */
  @EventListener
  void decided(IncidentDecided event) {
    Decision decision = event.evaluation().decision();
    if (!decision.failure() || decision.playbook() == null) {
      return;
    }
    jdbc.sql(
            """
            insert into remediation_decision_row (incident_id, error_type, action, table_row,
              decided_at)
            select :id, :type, :action, :row, :at
            where not exists (select 1 from remediation_decision_row where incident_id = :id)
            """)
        .param("id", event.incidentId())
        .param("type", cut(decision.errorType(), 100))
        .param("action", cut(decision.playbook().action(), 64))
        .param("row", cut(playbookRow(event.evaluation().explanation()), 300))
        .param("at", Timestamp.from(Instant.now()))
        .update();
  }

  private static String playbookRow(List<ExplanationEntry> explanation) {
    for (ExplanationEntry e : explanation) {
      if ("Playbooks".equals(e.sheet()) && e.file() != null) {
        String file = e.file().substring(e.file().lastIndexOf('/') + 1);
        return file + ", " + e.sheet() + ", row " + e.row();
      }
    }
    return NO_ROW;
  }

  List<Sample> since(Instant since) {
    return jdbc.sql(
            """
            select r.error_type, r.action, r.table_row, p.status, p.created_at, p.updated_at
            from remediation_decision_row r
            left join remediation_plan p on p.incident_id = r.incident_id
            where r.decided_at >= :since
            """)
        .param("since", Timestamp.from(since))
        .query(
            (rs, n) -> {
              String status = rs.getString(4);
              PlanStatus plan = status == null ? null : PlanStatus.valueOf(status);
              Long seconds = null;
              if (plan == PlanStatus.RESOLVED) {
                Timestamp created = rs.getTimestamp(5);
                Timestamp ended = rs.getTimestamp(6);
                seconds = Duration.between(created.toInstant(), ended.toInstant()).toSeconds();
              }
              return new Sample(rs.getString(1), rs.getString(2), rs.getString(3), plan, seconds);
            })
        .list();
  }

  /** Outcomes grouped by what {@code by} says makes two samples the same playbook. */
  static <K> Map<K, Outcome> group(List<Sample> samples, Function<Sample, K> by) {
    Map<K, List<Sample>> groups = new LinkedHashMap<>();
    for (Sample s : samples) {
      groups.computeIfAbsent(by.apply(s), k -> new ArrayList<>()).add(s);
    }
    Map<K, Outcome> out = new LinkedHashMap<>();
    groups.forEach((key, list) -> out.put(key, outcome(list)));
    return out;
  }

  private static Outcome outcome(List<Sample> samples) {
    Sample first = samples.get(0);
    int resolved = 0;
    int escalated = 0;
    List<Long> times = new ArrayList<>();
    for (Sample s : samples) {
      if (s.status() == PlanStatus.RESOLVED) {
        resolved++;
        times.add(s.secondsToResolve());
      } else if (s.status() == PlanStatus.ESCALATED) {
        escalated++;
      }
    }
    times.sort(null);
    int runs = resolved + escalated;
    return new Outcome(
        first.errorType(),
        first.action(),
        first.tableRow(),
        samples.size(),
        runs,
        resolved,
        escalated,
        runs == 0 ? null : Math.round(resolved * 1000.0 / runs) / 10.0,
        percentile(times, 50),
        percentile(times, 90));
  }

  /** Nearest-rank percentile of sorted values; null when there are none. */
  static Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
