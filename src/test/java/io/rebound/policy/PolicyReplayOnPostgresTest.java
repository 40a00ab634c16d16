package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
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
    StreamingWatch watch = new StreamingWatch(source);
    RecordedFacts.Replayed replayed =
        RecordedFacts.replayBackoffEdit(watch.dataSource(), json, dir);
    PolicyReplay.Report report = replayed.report();

    // what the PostgreSQL driver needs to stream rather than load the whole window: a fetch size
    // on the query and a connection outside autocommit when it runs
    assertThat(watch.incidentReads)
        .containsExactly("fetch size " + PolicyReplay.FETCH_SIZE + ", autocommit false");

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

  /**
   * Hands out the real PostgreSQL connections and notes, for every query that reads the incident
   * table, the fetch size its statement had and whether its connection was in autocommit.
   */
  static final class StreamingWatch {
    final List<String> incidentReads = new CopyOnWriteArrayList<>();
    private final DataSource real;

    StreamingWatch(DataSource real) {
      this.real = real;
    }

    DataSource dataSource() {
      return new DelegatingDataSource(real) {
        @Override
        public Connection getConnection() throws SQLException {
          return watched(super.getConnection());
        }
      };
    }

    private Connection watched(Connection connection) {
      return proxy(
          Connection.class,
          (self, method, args) -> {
            Object result = invoke(method, connection, args);
            if (method.getName().equals("prepareStatement")
                && ((String) args[0]).contains("FROM incident")) {
              return statement((PreparedStatement) result, connection);
            }
            return result;
          });
    }

    private PreparedStatement statement(PreparedStatement statement, Connection connection) {
      return proxy(
          PreparedStatement.class,
          (self, method, args) -> {
            if (method.getName().equals("executeQuery")) {
              incidentReads.add(
                  "fetch size "
                      + statement.getFetchSize()
                      + ", autocommit "
                      + connection.getAutoCommit());
            }
            return invoke(method, statement, args);
          });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
      return type.cast(
          Proxy.newProxyInstance(
              PolicyReplayOnPostgresTest.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
  }
}
