package io.rebound.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param clusterBucket cluster terminations of one cluster with one code within this window are one
 *     incident (the poller and a webhook may both report it)
 */
@ConfigurationProperties("rebound.incidents")
record IncidentProperties(@DefaultValue("1h") Duration clusterBucket) {}
