package io.rebound.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Durations that the tables already record, fed into Prometheus histograms without touching the
 * code that writes them: intake to decision (a delivery's received_at to processed_at) and time to
 * resolve (an incident's first_seen to resolved_at). Each refresh reads the rows finished since the
 * last one, up to {@link MetricsProperties#settle()} ago; rows finished before this instance
 * started are not replayed.
 */
@Component
class DurationFeeds {

  private static final Logger log = LoggerFactory.getLogger(DurationFeeds.class);
  private static final int MAX_ROWS_PER_REFRESH = 10_000;

  /**
   * One feed: a query over rows finished in (:from, :to], returning start, end and one bounded tag
   * value, ordered by end.
   */
  private final class Feed {
    private final String sql;
    private final String name;
    private final String description;
    private final String tag;
    private Instant watermark;

    Feed(String name, String description, String tag, String sql, Instant start) {
      this.name = name;
      this.description = description;
      this.tag = tag;
      this.sql = sql;
      this.watermark = start;
    }

    void read(Instant to) {
      if (!to.isAfter(watermark)) {
        return;
      }
      List<Row> rows =
          jdbc.sql(sql)
              .param("from", utc(watermark))
              .param("to", utc(to))
              // lets the delivery query use its received_at index: nothing waits a day undecided
              .param("since", utc(watermark.minus(Duration.ofDays(1))))
              .query(
                  (rs, n) ->
                      new Row(
                          rs.getObject(1, OffsetDateTime.class).toInstant(),
                          rs.getObject(2, OffsetDateTime.class).toInstant(),
                          rs.getString(3)))
              .list();
      for (Row row : rows) {
        timer(row.tagValue()).record(Duration.between(row.start(), row.end()).abs());
      }
      watermark = rows.size() >= MAX_ROWS_PER_REFRESH ? rows.get(rows.size() - 1).end() : to;
    }

    private Timer timer(String tagValue) {
      return Timer.builder(name)
          .description(description)
          .tag(tag, tagValue == null ? "unknown" : tagValue)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(10))
          .maximumExpectedValue(Duration.ofDays(1))
          .register(registry);
    }
  }

  private record Row(Instant start, Instant end, String tagValue) {}

  private final JdbcClient jdbc;
  private final MeterRegistry registry;
  private final Duration settle;
  private final List<Feed> feeds;
  private volatile boolean failing;

  DurationFeeds(JdbcClient jdbc, MeterRegistry registry, MetricsProperties properties) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.settle = properties.settle();
    Instant start = Instant.now().minus(settle);
    this.feeds =
        List.of(
            new Feed(
                "rebound.intake.to.decision",
                "From a webhook delivery's arrival to its decision",
                "source",
                """
                select received_at, processed_at, source from delivery
                where status = 'PROCESSED' and replay_of is null and received_at > :since
                  and processed_at > :from and processed_at <= :to
                order by processed_at fetch first %d rows only
                """
                    .formatted(MAX_ROWS_PER_REFRESH),
                start),
            new Feed(
                "rebound.incident.time.to.resolve",
                "From an incident's first alert to its resolution",
                "source",
                """
                select first_seen, resolved_at, source from incident
                where status = 'RESOLVED' and resolved_at > :from and resolved_at <= :to
                order by resolved_at fetch first %d rows only
                """
                    .formatted(MAX_ROWS_PER_REFRESH),
                start));
  }

  @Scheduled(
      fixedDelayString = "${rebound.metrics.refresh-interval:30s}",
      initialDelayString = "0s")
  synchronized void refresh() {
    Instant to = Instant.now().minus(settle);
    try {
      feeds.forEach(feed -> feed.read(to));
      failing = false;
    } catch (DataAccessException e) {
      // the watermark stays: the rows are read on the next refresh that reaches the database
      if (!failing) {
        log.warn("Metrics cannot read finished deliveries and incidents: {}", e.getMessage());
        failing = true;
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
