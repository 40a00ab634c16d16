package io.rebound.policy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fresh the state the guards read must be.
 *
 * @param cacheTtl how long one resource's counts (failures, open incidents, breakers, budget) are
 *     reused between decisions; a failure recorded on this instance refreshes its resource at once,
 *     so the TTL only bounds what another instance's recent failures may be missed by
 * @param historyRefresh how often the playbook outcome history (30 days, every error type and
 *     action) is recomputed
 */
@ConfigurationProperties("rebound.state")
public record StateProperties(
    @DefaultValue("1s") Duration cacheTtl, @DefaultValue("60s") Duration historyRefresh) {}
