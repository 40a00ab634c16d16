package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8: 100,000 recorded facts replayed through a candidate and the active policy in under 60 s.
 * Not part of the normal build (the name does not end in Test). Run from the project root:
 *
 * <pre>mvn -B test -Dtest=PolicyReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The incident table is the real one (the migrations on H2); the facts are a mix of the failure
 * kinds the shipped tables classify, each with its own run id in the message, so the decision memo
 * sees what a real history gives it.
 */
class PolicyReplayBenchmark {

  static final int FACTS = 100_000;

  @Test
  void replays100kRecordedFactsInUnderOneMinute(@TempDir Path dir) throws Exception {
    var source =
        new DriverManagerDataSource(
            "jdbc:h2:mem:replay-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(source);
    JsonMapper json = JsonMapper.builder().build();
    long insertStarted = System.nanoTime();
    RecordedFacts.insert(jdbc, json, FACTS);
    long insertMillis = (System.nanoTime() - insertStarted) / 1_000_000;

    PolicyReplay.Report report = RecordedFacts.replayBackoffEdit(source, json, dir).report();

    System.out.printf(
        "replay: %d facts (%d unreadable), %d changed, %d ms (inserting them took %d ms) on %d"
            + " cores%n",
        report.facts(),
        report.unreadable(),
        report.changed(),
        report.millis(),
        insertMillis,
        Runtime.getRuntime().availableProcessors());
    assertThat(report.facts()).isEqualTo(FACTS);
    assertThat(report.unreadable()).isZero();
    assertThat(report.changed()).isPositive();
    assertThat(report.millis()).isLessThan(60_000);
  }
}
