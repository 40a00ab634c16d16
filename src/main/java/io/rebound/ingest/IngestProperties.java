package io.rebound.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How webhook deliveries are taken in and processed.
 *
 * @param maxBodySize larger bodies are answered 413 and kept (cut short) as rejected
 * @param writers threads that store incoming deliveries, each committing a batch at a time
 * @param workers threads that process deliveries after they are answered
 * @param databricksWorkers threads for Databricks deliveries, whose enrichment waits on its API
 * @param queueCapacity deliveries waiting for a worker; beyond it the retry sweep picks them up
 * @param maxAttempts processing attempts before a delivery is marked FAILED
 * @param retryBackoff wait before the next attempt, multiplied by the attempt number
 * @param lease how long a delivery handed to a worker is left alone by the retry sweep
 * @param sweepInterval how often unprocessed deliveries are looked for (also after a restart)
 * @param decisionBatchWait how long decided deliveries are gathered before their incidents are
 *     written in one transaction; longer means fewer commits while webhooks arrive one by one, and
 *     an incident (and its occurrence count) appears that much later
 */
@ConfigurationProperties("rebound.ingest")
record IngestProperties(
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("4") int writers,
    @DefaultValue("4") int workers,
    @DefaultValue("4") int databricksWorkers,
    @DefaultValue("10000") int queueCapacity,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("30s") Duration retryBackoff,
    @DefaultValue("60s") Duration lease,
    @DefaultValue("10s") Duration sweepInterval,
    @DefaultValue("10ms") Duration decisionBatchWait) {}
