package io.rebound.remediation;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Circuit breakers per action and target resource ("databricks:restart_cluster:0923-…") and per
 * platform ("platform:databricks"), kept in the remediation_breaker table so that every instance on
 * the database sees the same state and a restart keeps an open breaker open. The settings (and
 * which failures count) are resilience4j configurations, see {@link BreakerProperties}; the state
 * is a row, changed with conditional updates so two instances never both make the same move.
 *
 * <p>Every change runs in a short transaction of its own that touches only the breaker's row: the
 * platform breaker's row is shared by every attempt on that platform, and holding its lock while
 * the attempt writes its audit (which takes a second connection) starves the connection pool under
 * load. A success writes nothing when the breaker is already closed with no failures counted.
 */
@Component
class Breakers {

  enum State {
    CLOSED,
    OPEN,
    /** The wait is over and one trial call is under way. */
    HALF_OPEN
  }

  /** One breaker as stored. failedCalls counts recorded failures since the last success. */
  record Breaker(
      String name,
      State state,
      int failureThreshold,
      int failedCalls,
      long notPermittedCalls,
      Instant openedAt,
      String lastFailure) {}

  private final JdbcClient jdbc;
  private final BreakerProperties properties;
  private final TransactionTemplate own;

  Breakers(JdbcClient jdbc, BreakerProperties properties, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  static String actionBreakerName(String platform, String action, String resourceId) {
    return platform + ":" + action + ":" + resourceId;
  }

  static String platformBreakerName(String platform) {
    return "platform:" + platform;
  }

  /** The resilience4j configuration of a breaker, by its name. */
  CircuitBreakerConfig config(String name, int policyThreshold) {
    return properties.configFor(
        name,
        name.startsWith("platform:")
            ? BreakerProperties.PLATFORM_CONFIG
            : BreakerProperties.ACTION_CONFIG,
        policyThreshold);
  }

  /**
   * Whether a call may go through now: empty if yes, else why not. After the open wait the first
   * caller (on any instance) gets the one trial call; the others are refused until it ends.
   */
  Optional<String> refusal(String name, int policyThreshold) {
    Breaker breaker = find(name).orElse(null);
    if (breaker == null || breaker.state() == State.CLOSED) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    Instant waitOver =
        breaker.openedAt() == null
            ? now
            : breaker
                .openedAt()
                .plusMillis(
                    config(name, policyThreshold).getWaitIntervalFunctionInOpenState().apply(1));
    if (!now.isBefore(waitOver)
        && Boolean.TRUE.equals(own.execute(s -> startTrial(breaker, now)))) {
      return Optional.empty();
    }
    own.executeWithoutResult(
        s ->
            jdbc.sql(
                    "update remediation_breaker set not_permitted_calls = not_permitted_calls + 1"
                        + " where name = :n")
                .param("n", name)
                .update());
    return Optional.of(
        breaker.state() == State.OPEN
            ? "Circuit breaker %s is open after repeated failures (last: %s); Rebound stopped acting"
                .formatted(name, breaker.lastFailure())
            : "Circuit breaker %s is letting one trial call through; Rebound waits for it"
                .formatted(name));
  }

  /** OPEN → HALF_OPEN, or a lost trial (its caller died) handed to this caller. */
  private boolean startTrial(Breaker breaker, Instant now) {
    return jdbc.sql(
                """
                update remediation_breaker set state = 'HALF_OPEN', opened_at = :now,
                  updated_at = :now
                where name = :n and state = :state and opened_at = :opened
                """)
            .param("now", Timestamp.from(now))
            .param("n", breaker.name())
            .param("state", breaker.state().name())
            .param("opened", Timestamp.from(breaker.openedAt()))
            .update()
        == 1;
  }

  /**
   * Counts a failure unless the breaker's configuration ignores it.
   *
   * @return true when this failure opened the breaker
   */
  boolean recordFailure(String name, int policyThreshold, Throwable cause, String why) {
    CircuitBreakerConfig config = config(name, policyThreshold);
    if (config.getIgnoreExceptionPredicate().test(cause)
        || !config.getRecordExceptionPredicate().test(cause)) {
      return false;
    }
    int threshold = config.getMinimumNumberOfCalls();
    return Boolean.TRUE.equals(own.execute(s -> countFailure(name, threshold, why)));
  }

  private boolean countFailure(String name, int threshold, String why) {
    ensure(name, threshold);
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql(
            """
            update remediation_breaker set consecutive_failures = consecutive_failures + 1,
              failure_threshold = :threshold, last_failure = :why, updated_at = :now
            where name = :n
            """)
        .param("threshold", threshold)
        .param("why", why == null || why.length() <= 4000 ? why : why.substring(0, 3999))
        .param("now", now)
        .param("n", name)
        .update();
    return jdbc.sql(
                """
                update remediation_breaker set state = 'OPEN', opened_at = :now
                where name = :n and (state = 'HALF_OPEN'
                  or (state = 'CLOSED' and consecutive_failures >= failure_threshold))
                """)
            .param("now", now)
            .param("n", name)
            .update()
        == 1;
  }

  /** Closes the breaker; nothing is written when it is closed with no failure counted. */
  void recordSuccess(String name) {
    own.executeWithoutResult(
        s -> close(name, "and (state <> 'CLOSED' or consecutive_failures > 0)"));
  }

  /** Closes a breaker by hand (on-call knows the platform is healthy again). */
  Optional<Breaker> reset(String name) {
    if (find(name).isEmpty()) {
      return Optional.empty();
    }
    own.executeWithoutResult(s -> close(name, ""));
    return find(name);
  }

  private void close(String name, String onlyIf) {
    jdbc.sql(
            """
            update remediation_breaker set state = 'CLOSED', consecutive_failures = 0,
              opened_at = null, updated_at = :now
            where name = :n %s
            """
                .formatted(onlyIf))
        .param("now", Timestamp.from(Instant.now()))
        .param("n", name)
        .update();
  }

  /**
   * The breakers that would refuse a call now: open (or on their one trial call) and still within
   * their wait. Once the wait is over the next call is the trial, so the guards let it through.
   */
  Set<String> refusingNow() {
    Instant now = Instant.now();
    Set<String> refusing = new HashSet<>();
    for (Breaker b :
        jdbc.sql("select * from remediation_breaker where state <> 'CLOSED'")
            .query(Breakers::row)
            .list()) {
      long waitMillis =
          config(b.name(), b.failureThreshold()).getWaitIntervalFunctionInOpenState().apply(1);
      if (b.openedAt() != null && now.isBefore(b.openedAt().plusMillis(waitMillis))) {
        refusing.add(b.name());
      }
    }
    return refusing;
  }

  List<Breaker> all() {
    return jdbc.sql("select * from remediation_breaker order by name").query(Breakers::row).list();
  }

  Optional<Breaker> find(String name) {
    return jdbc.sql("select * from remediation_breaker where name = :n")
        .param("n", name)
        .query(Breakers::row)
        .optional();
  }

  private void ensure(String name, int threshold) {
    jdbc.sql(
            """
            insert into remediation_breaker (name, state, failure_threshold, consecutive_failures,
              not_permitted_calls, updated_at)
            values (:n, 'CLOSED', :threshold, 0, 0, :now)
            ON CONFLICT DO NOTHING""")
        .param("n", name)
        .param("threshold", threshold)
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  private static Breaker row(ResultSet rs, int row) throws SQLException {
    Timestamp opened = rs.getTimestamp("opened_at");
    return new Breaker(
        rs.getString("name"),
        State.valueOf(rs.getString("state")),
        rs.getInt("failure_threshold"),
        rs.getInt("consecutive_failures"),
        rs.getLong("not_permitted_calls"),
        opened == null ? null : opened.toInstant(),
        rs.getString("last_failure"));
  }
}
