package io.rebound.remediation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plan watchdog ({@code rebound.remediation.watchdog.*}).
 *
 * @param interval how often one instance of the cluster looks for stuck plans and unplanned
 *     decisions (it also looks once at every start)
 * @param grace how long a plan must have been unchanged before the watchdog may call it stuck
 */
@ConfigurationProperties("rebound.remediation.watchdog")
record WatchdogProperties(
    @DefaultValue("1m") Duration interval, @DefaultValue("1m") Duration grace) {}
