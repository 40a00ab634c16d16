package io.rebound.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts shared by every platform client. A step that hangs on a slow platform holds a scheduler
 * thread, so the read timeout is deliberately finite; a timed-out call is reported as retryable.
 */
@ConfigurationProperties("rebound.connector")
record ConnectorTimeouts(
    @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout) {

  static ConnectorTimeouts defaults() {
    return new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }
}
