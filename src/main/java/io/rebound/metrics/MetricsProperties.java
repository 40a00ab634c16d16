package io.rebound.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshInterval how often the table-backed gauges and durations are read from the
 *     database: the query cost is bounded by this, not by how often Prometheus scrapes
 * @param settle how far behind "now" the duration feeds read, so a row whose transaction commits a
 *     moment after its timestamp is still counted
 */
@ConfigurationProperties("rebound.metrics")
public record MetricsProperties(
    @DefaultValue("30s") Duration refreshInterval, @DefaultValue("5s") Duration settle) {}
