package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replay on a real PostgreSQL, where it reads its window in fetches of {@link
 * PolicyReplay#FETCH_SIZE} rows inside a read-only transaction (the driver streams only so; without
 * it the whole window is loaded into the heap first): every recorded fact of a window several
 * fetches long is replayed once and compared as the policies decide it.
 */
class PolicyReplayOnPostgresTest {

  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void everyFactOfAWindowSeveralFetchesLongIsReplayedOnce(@TempDir Path dir) {
    DataSource source = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    JsonMapper json = JsonMapper.builder().build();
    int facts = PolicyReplay.FETCH_SIZE * 3 + 7;
    RecordedFacts.insert(JdbcClient.create(source), json, facts);
    RecordedFacts.Replayed replayed = RecordedFacts.replayBackoffEdit(source, json, dir);
    PolicyReplay.Report report = replayed.report();

    assertThat(report.facts()).isEqualTo(facts);
    assertThat(report.unreadable()).isZero();
    // the kinds whose decision the backoff edit changes (DatabricksDriverNotResponding's), each
    // inserted once in every KINDS.size() incidents
    int expected = 0;
    for (int i = 0; i < facts; i++) {
      var kind = RecordedFacts.KINDS.get(i % RecordedFacts.KINDS.size());
      var before = PolicyReplay.Outcome.of(replayed.active().evaluate(kind).decision());
      if (!before
          .changedFields(PolicyReplay.Outcome.of(replayed.candidate().evaluate(kind).decision()))
          .isEmpty()) {
        expected++;
      }
    }
    assertThat(expected).isPositive();
    assertThat(report.changed()).isEqualTo(expected);
  }
}
