package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Priority;
import io.rebound.failure.Severity;
import io.rebound.incident.IncidentDecided;
import io.rebound.policy.Decision;
import io.rebound.policy.Evaluation;
import io.rebound.policy.ExplanationEntry;
import io.rebound.policy.Playbook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outcome counts per playbook row, on H2 and on a real PostgreSQL, from rows as the decision
 * and the executor write them: resolved and escalated plans, one still running, one decision with
 * no plan yet, and a repeated decision event.
 */
class PlaybookOutcomesOnBothDatabasesTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  static List<String> databases() {
    return List.of("h2", "postgresql");
  }

  private static DataSource dataSource(String database) {
    if (database.equals("postgresql")) {
      return postgres.getPostgresDatabase();
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:outcomes-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    return h2;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void countsRunsSuccessRateAndTimeToResolvePerRow(String database) {
    DataSource source = dataSource(database);
    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(source);
    PlaybookOutcomes outcomes = new PlaybookOutcomes(jdbc);
    String type = "GatewayTimeout-" + database;
    Instant now = Instant.now();

    // row 14: three resolved in 60, 120 and 600 s, one escalated, one running, one not planned
    for (long seconds : new long[] {60, 120, 600}) {
      plan(jdbc, decide(outcomes, type, "retry_pipeline", 14), "RESOLVED", now, seconds);
    }
    UUID escalated = decide(outcomes, type, "retry_pipeline", 14);
    plan(jdbc, escalated, "ESCALATED", now, 30);
    plan(jdbc, decide(outcomes, type, "retry_pipeline", 14), "RUNNING", now, 0);
    decide(outcomes, type, "retry_pipeline", 14);
    // the same decision delivered twice is one decision
    outcomes.decided(event(escalated, type, "retry_pipeline", 14));
    // a guard escalated one: counted under its own action
    plan(jdbc, decide(outcomes, type, "escalate", 14), "ESCALATED", now, 0);

    Map<List<String>, PlaybookOutcomes.Outcome> byRow =
        PlaybookOutcomes.group(
            outcomes.since(now.minus(Duration.ofDays(30))),
            s -> List.of(s.errorType(), s.action(), s.tableRow()));

    assertThat(byRow.get(List.of(type, "retry_pipeline", "playbooks.xlsx, Playbooks, row 14")))
        .isEqualTo(
            new PlaybookOutcomes.Outcome(
                type,
                "retry_pipeline",
                "playbooks.xlsx, Playbooks, row 14",
                6,
                4,
                3,
                1,
                75.0,
                120L,
                600L));
    assertThat(byRow.get(List.of(type, "escalate", "playbooks.xlsx, Playbooks, row 14")))
        .returns(1, PlaybookOutcomes.Outcome::escalations)
        .returns(0.0, PlaybookOutcomes.Outcome::successRate)
        .returns(null, PlaybookOutcomes.Outcome::medianSecondsToResolve);
    assertThat(outcomes.since(now.plusSeconds(60))).as("outside the window").isEmpty();
  }

  private static UUID decide(PlaybookOutcomes outcomes, String type, String action, int row) {
    UUID incident = UUID.randomUUID();
    outcomes.decided(event(incident, type, action, row));
    return incident;
  }

  private static IncidentDecided event(UUID incident, String type, String action, int row) {
    FailureFact fact = Incidents.clusterFailure("0923-164208-outcomes", Environment.PRODUCTION);
    Decision decision =
        new Decision(
            true,
            type,
            "transient",
            Severity.HIGH,
            Priority.P2,
            !action.equals("escalate"),
            false,
            new Playbook(
                action, 3, List.of(10, 20, 30), 600, false, "none", List.of(), null, 5, List.of()),
            List.of());
    List<ExplanationEntry> explanation =
        List.of(
            new ExplanationEntry("Severity_3", "decision-tables/severity.xlsx", "Severity", 3),
            new ExplanationEntry(
                "Playbooks_" + row, "decision-tables/playbooks.xlsx", "Playbooks", row));
    return new IncidentDecided(incident, fact, new Evaluation(fact, decision, explanation, "v1"));
  }

  private static void plan(
      JdbcClient jdbc, UUID incident, String status, Instant created, long secondsToEnd) {
    jdbc.sql(
            """
            insert into remediation_plan (id, incident_id, status, mode, requested_by, environment,
              source, error_type, created_at, updated_at)
            values (:id, :incident, :status, 'auto', 'rebound', 'production', 'databricks', 'x',
              :created, :updated)
            """)
        .param("id", UUID.randomUUID())
        .param("incident", incident)
        .param("status", status)
        .param("created", Timestamp.from(created))
        .param("updated", Timestamp.from(created.plusSeconds(secondsToEnd)))
        .update();
  }
}
