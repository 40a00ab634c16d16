package io.rebound.remediation;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Remediation settings ({@code rebound.remediation.*}).
 *
 * @param enabled false is the kill switch: nothing executes, every plan escalates
 * @param mode dry-run, approve-all or auto, for every environment without its own entry
 * @param modes per-environment override, for example {@code modes.production: approve-all}
 * @param healthPollInterval how often a health check polls while the platform says PENDING
 * @param approvalExpiry how long a plan waits for an approver before it escalates
 * @param maxThrottledRetries how many 429/503 Retry-After reschedules one step accepts before the
 *     attempt counts as failed
 * @param maxChainDepth how many chained playbooks one plan may follow
 * @param budget action limits
 * @param scheduler db-scheduler tuning
 */
@ConfigurationProperties("rebound.remediation")
record RemediationProperties(
    Boolean enabled,
    Mode mode,
    Map<String, Mode> modes,
    Duration healthPollInterval,
    Duration approvalExpiry,
    Integer maxThrottledRetries,
    Integer maxChainDepth,
    Budget budget,
    SchedulerSettings scheduler) {

  RemediationProperties {
    enabled = enabled == null || enabled;
    mode = mode == null ? Mode.AUTO : mode;
    modes = modes == null ? Map.of() : Map.copyOf(modes);
    healthPollInterval = healthPollInterval == null ? Duration.ofSeconds(15) : healthPollInterval;
    approvalExpiry = approvalExpiry == null ? Duration.ofHours(1) : approvalExpiry;
    maxThrottledRetries = maxThrottledRetries == null ? 5 : maxThrottledRetries;
    maxChainDepth = maxChainDepth == null ? 5 : maxChainDepth;
    budget = budget == null ? new Budget(null, null) : budget;
    scheduler =
        scheduler == null ? new SchedulerSettings(null, null, null, null, null, null) : scheduler;
  }

  /**
   * @param maxActionsPerResourcePerHour actions on one resource (cluster, job, pipeline,
   *     repository) in any 60 minutes
   * @param maxActionsPerDay actions on all resources together in any 24 hours
   */
  record Budget(Integer maxActionsPerResourcePerHour, Integer maxActionsPerDay) {
    Budget {
      maxActionsPerResourcePerHour =
          maxActionsPerResourcePerHour == null ? 6 : maxActionsPerResourcePerHour;
      maxActionsPerDay = maxActionsPerDay == null ? 200 : maxActionsPerDay;
    }
  }

  /**
   * @param pollingInterval how often an idle instance looks for due steps
   * @param threads steps executed at once per instance
   * @param heartbeatInterval an instance that misses 6 heartbeats is presumed dead and its picked
   *     steps are run by another
   * @param shutdownMaxWait how long shutdown waits for running steps
   * @param retryAfterError wait before re-running a step whose execution threw (database outage),
   *     doubled at each further try
   * @param maxRetriesAfterError how many times such a step is run again before its plan escalates
   *     with the error
   */
  record SchedulerSettings(
      Duration pollingInterval,
      Integer threads,
      Duration heartbeatInterval,
      Duration shutdownMaxWait,
      Duration retryAfterError,
      Integer maxRetriesAfterError) {
    SchedulerSettings {
      pollingInterval = pollingInterval == null ? Duration.ofSeconds(2) : pollingInterval;
      threads = threads == null ? 8 : threads;
      heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
      shutdownMaxWait = shutdownMaxWait == null ? Duration.ofSeconds(10) : shutdownMaxWait;
      retryAfterError = retryAfterError == null ? Duration.ofSeconds(30) : retryAfterError;
      maxRetriesAfterError = maxRetriesAfterError == null ? 5 : maxRetriesAfterError;
    }
  }

  /** The mode for an environment: its own entry under modes, else the global mode. */
  Mode modeFor(String environment) {
    Mode own = modes.get(environment);
    return own != null ? own : mode;
  }
}
