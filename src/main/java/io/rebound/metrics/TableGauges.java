package io.rebound.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges over the tables that show work waiting: undecided deliveries in the inbox, plans,
 * attempts, approvals and due scheduler tasks. Refreshed on a fixed delay (one small query each, on
 * indexed or small tables), so scraping often never loads the database. Status tags come from the
 * tables' bounded status columns.
 */
@Component
class TableGauges {

  private static final Logger log = LoggerFactory.getLogger(TableGauges.class);

  private final JdbcClient jdbc;

  /** Platforms that ever had a breaker: their series stay, reading 0, once the rows are gone. */
  private final Set<String> breakerPlatforms = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
  private volatile boolean failing;

  TableGauges(JdbcClient jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.registry = registry;
  }

  @Scheduled(
      fixedDelayString = "${rebound.metrics.refresh-interval:30s}",
      initialDelayString = "0s")
  void refresh() {
    try {
      Instant now = Instant.now();
      OffsetDateTime nowTs = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
      set(
          "rebound.inbox.undecided",
          "Accepted webhook deliveries not yet decided (waiting or between attempts)",
          Tags.empty(),
          count("select count(*) from delivery where status = 'RECEIVED'"));
      OffsetDateTime oldest =
          jdbc.sql("select min(received_at) from delivery where status = 'RECEIVED'")
              .query(OffsetDateTime.class)
              .optional()
              .orElse(null);
      set(
          "rebound.inbox.oldest.undecided.seconds",
          "Age of the oldest undecided delivery; 0 when the inbox is empty",
          Tags.empty(),
          oldest == null ? 0 : Math.max(0, now.getEpochSecond() - oldest.toEpochSecond()));
      byStatus(
          "rebound.incidents",
          "Incidents by status",
          "select status, count(*) from incident group by status");
      byStatus(
          "rebound.remediation.plans",
          "Remediation plans by status",
          "select status, count(*) from remediation_plan group by status");
      byStatus(
          "rebound.remediation.attempts",
          "Remediation action attempts by outcome",
          "select status, count(*) from remediation_attempt group by status");
      set(
          "rebound.approvals.waiting",
          "Approval requests waiting for a human",
          Tags.empty(),
          count("select count(*) from remediation_approval where status = 'PENDING'"));
      set(
          "rebound.scheduler.tasks.due",
          "Scheduler tasks whose time has come and that no instance has picked yet",
          Tags.empty(),
          jdbc.sql(
                  "select count(*) from scheduled_tasks where picked = false and execution_time <= :now")
              .param("now", nowTs)
              .query(Long.class)
              .single());
      set(
          "rebound.scheduler.tasks.running",
          "Scheduler tasks picked by an instance and running",
          Tags.empty(),
          count("select count(*) from scheduled_tasks where picked = true"));
      breakers();
      if (failing) {
        log.info("Metrics can read the database again");
        failing = false;
      }
    } catch (DataAccessException e) {
      // the gauges keep their last values; one line per outage, not one per refresh
      if (!failing) {
        log.warn(
            "Metrics cannot read the database; gauges keep their last values: {}", e.getMessage());
        failing = true;
      }
    }
  }

  /**
   * Circuit breakers by kind, platform and state, from the breaker table every instance shares.
   * Action breakers are named per resource ("databricks:restart_cluster:0923-…"): they are counted
   * per platform, never exported one by one, so a series never appears per cluster or pipeline.
   * Platform breakers are named "platform:databricks".
   */
  private void breakers() {
    Map<String, Long> counts = new java.util.HashMap<>();
    Set<String> platforms = new HashSet<>();
    jdbc.sql("select name, state from remediation_breaker")
        .query(
            (rs, n) -> {
              String name = rs.getString(1);
              boolean platformBreaker = name.startsWith("platform:");
              String rest = platformBreaker ? name.substring("platform:".length()) : name;
              int colon = rest.indexOf(':');
              String platform = colon < 0 ? rest : rest.substring(0, colon);
              platforms.add(platform);
              String key =
                  (platformBreaker ? "platform" : "action")
                      + "|"
                      + platform
                      + "|"
                      + rs.getString(2).toLowerCase(java.util.Locale.ROOT);
              counts.merge(key, 1L, Long::sum);
              return key;
            })
        .list();
    breakerPlatforms.addAll(platforms);
    for (String platform : breakerPlatforms) {
      for (String kind : List.of("platform", "action")) {
        for (String state : List.of("closed", "open", "half_open")) {
          set(
              "rebound.circuit.breakers",
              "Circuit breakers by kind (platform, or one action on one resource), platform and state",
              Tags.of("kind", kind, "platform", platform, "state", state),
              counts.getOrDefault(kind + "|" + platform + "|" + state, 0L));
        }
      }
    }
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private void byStatus(String name, String description, String sql) {
    List<Map.Entry<String, Long>> rows =
        jdbc.sql(sql).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Long> row : rows) {
      String status = row.getKey().toLowerCase(java.util.Locale.ROOT);
      seen.add(status);
      set(name, description, Tags.of("status", status), row.getValue());
    }
    // a status that emptied reads 0 instead of keeping its last count
    values.forEach(
        (key, value) -> {
          if (key.startsWith(name + "|status=")
              && !seen.contains(key.substring(key.indexOf('=') + 1))) {
            value.set(0);
          }
        });
  }

  private void set(String name, String description, Tags tags, long value) {
    String key =
        name
            + tags.stream()
                .map(t -> "|" + t.getKey() + "=" + t.getValue())
                .reduce("", String::concat);
    values
        .computeIfAbsent(
            key,
            k -> {
              AtomicLong holder = new AtomicLong();
              Gauge.builder(name, holder, AtomicLong::get)
                  .description(description)
                  .tags(tags)
                  .register(registry);
              return holder;
            })
        .set(value);
  }
}
