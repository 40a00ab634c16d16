package io.rebound.policy;

import io.rebound.failure.FailureFact;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs every recorded failure fact of a time window through two policies and reports what would
 * change. The facts are read from the incident table's fact column with one narrow read-only query
 * of this module's own: policy may not use incident (incident depends on policy), and the fact
 * column is the exact input the decision was made on, serialised by Jackson as a {@link
 * FailureFact}.
 */
@Component
class PolicyReplay {

  /** How many changed incidents a report lists side by side; the counts cover all of them. */
  static final int LISTED = 200;

  /** The parts of a decision ops tune in the workbooks, as compared field by field. */
  record Outcome(
      String errorType,
      String severity,
      String action,
      Integer retries,
      List<Integer> backoff,
      Boolean approvalRequired) {

    static Outcome of(Decision d) {
      Playbook p = d.playbook();
      return new Outcome(
          d.errorType(),
          d.severity() == null ? null : d.severity().name().toLowerCase(java.util.Locale.ROOT),
          p == null ? null : p.action(),
          p == null ? null : p.maxRetries(),
          p == null ? null : p.backoffSeconds(),
          d.approvalRequired());
    }

    List<String> changedFields(Outcome other) {
      List<String> fields = new ArrayList<>();
      compare("errorType", errorType, other.errorType, fields);
      compare("severity", severity, other.severity, fields);
      compare("action", action, other.action, fields);
      compare("retries", retries, other.retries, fields);
      compare("backoff", backoff, other.backoff, fields);
      compare("approvalRequired", approvalRequired, other.approvalRequired, fields);
      return fields;
    }

    private static void compare(String name, Object a, Object b, List<String> into) {
      if (!Objects.equals(a, b)) {
        into.add(name);
      }
    }
  }

  /** One incident whose decision would change. */
  record Change(
      UUID incidentId, Instant firstSeen, List<String> fields, Outcome active, Outcome candidate) {}

  /** What a candidate would change over a window of recorded failures. */
  record Report(
      int candidate,
      int active,
      Instant from,
      Instant to,
      int facts,
      int unreadable,
      int changed,
      Map<String, Integer> changedByErrorType,
      Map<String, Integer> changedByField,
      List<Change> incidents,
      long millis) {}

  /** One recorded fact as read from the incident table. */
  @FunctionalInterface
  interface FactVisitor {
    void visit(UUID incidentId, Instant firstSeen, FailureFact fact);
  }

  /**
   * Which table rows the recorded failures of a window reach, and (when the build that made this
   * jar ran its features against these very files) which rows the feature scenarios reach.
   */
  record Coverage(
      int version,
      Instant from,
      Instant to,
      int facts,
      int unreadable,
      List<PolicyCoverage.TableCoverage> tables,
      PolicyCoverage.FeatureCoverage features) {}

  /**
   * Rows fetched per round trip. A replay window may hold hundreds of thousands of incidents: the
   * PostgreSQL driver would otherwise load the whole result into the heap before the first row is
   * read (the shipped heap is 160 MB), and it streams only with a fetch size inside a transaction.
   */
  static final int FETCH_SIZE = 500;

  private final JdbcClient jdbc;
  private final TransactionTemplate readOnly;
  private final ObjectMapper json;

  PolicyReplay(DataSource dataSource, PlatformTransactionManager transactions, ObjectMapper json) {
    JdbcTemplate streaming = new JdbcTemplate(dataSource);
    streaming.setFetchSize(FETCH_SIZE);
    this.jdbc = JdbcClient.create(streaming);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.json = json;
  }

  /**
   * counts[0] is incremented per row read, counts[1] per fact this release cannot read (recorded by
   * an older one in another shape): those are skipped, and said so in the report.
   */
  private void forEachFact(Instant from, Instant to, int[] counts, FactVisitor visitor) {
    readOnly.executeWithoutResult(status -> readFacts(from, to, counts, visitor));
  }

  private void readFacts(Instant from, Instant to, int[] counts, FactVisitor visitor) {
    jdbc.sql(
            "SELECT id, first_seen, fact FROM incident WHERE first_seen >= ? AND first_seen < ?"
                + " ORDER BY first_seen")
        .params(
            OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
            OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
        .query(
            rs -> {
              counts[0]++;
              FailureFact fact;
              try {
                fact = json.readValue(rs.getString("fact"), FailureFact.class);
              } catch (JacksonException e) {
                counts[1]++;
                return;
              }
              visitor.visit(
                  rs.getObject("id", UUID.class),
                  rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                  fact);
            });
  }

  Coverage coverage(int number, LoadedPolicy policy, PolicyFiles files, Instant from, Instant to) {
    int[] counts = new int[2];
    java.util.Set<PolicyCoverage.RowRef> reached = new java.util.HashSet<>();
    forEachFact(
        from,
        to,
        counts,
        (id, firstSeen, fact) -> {
          for (ExplanationEntry e : policy.evaluate(fact).explanation()) {
            if (e.row() != null) {
              reached.add(PolicyCoverage.RowRef.of(e));
            }
          }
        });
    return new Coverage(
        number,
        from,
        to,
        counts[0],
        counts[1],
        PolicyCoverage.of(files, reached),
        PolicyCoverage.shippedFeatures(files.version(), json));
  }

  Report replay(
      int candidateNumber,
      LoadedPolicy candidate,
      int activeNumber,
      LoadedPolicy active,
      Instant from,
      Instant to) {
    long started = System.nanoTime();
    int[] counts = new int[3]; // facts, unreadable, changed
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, Integer> byField = new LinkedHashMap<>();
    List<Change> listed = new ArrayList<>();
    forEachFact(
        from,
        to,
        counts,
        (id, firstSeen, fact) -> {
          Outcome before = Outcome.of(active.evaluate(fact).decision());
          Outcome after = Outcome.of(candidate.evaluate(fact).decision());
          List<String> fields = before.changedFields(after);
          if (fields.isEmpty()) {
            return;
          }
          counts[2]++;
          String type = before.errorType() == null ? "(not a failure)" : before.errorType();
          byType.merge(type, 1, Integer::sum);
          fields.forEach(f -> byField.merge(f, 1, Integer::sum));
          if (listed.size() < LISTED) {
            listed.add(new Change(id, firstSeen, fields, before, after));
          }
        });
    return new Report(
        candidateNumber,
        activeNumber,
        from,
        to,
        counts[0],
        counts[1],
        counts[2],
        byType,
        byField,
        listed,
        (System.nanoTime() - started) / 1_000_000);
  }
}
