package io.rebound.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where notifications go. Both channels are optional: an empty URL switches the channel off.
 *
 * @param slack a Slack incoming webhook ({@code rebound.notify.slack.webhook-url})
 * @param webhook any HTTP endpoint that takes a JSON body ({@code rebound.notify.webhook.url})
 * @param timeout how long one send may take
 */
@ConfigurationProperties("rebound.notify")
record NotifyProperties(Slack slack, Webhook webhook, Duration timeout) {

  NotifyProperties {
    slack = slack == null ? new Slack(null) : slack;
    webhook = webhook == null ? new Webhook(null) : webhook;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  record Slack(String webhookUrl) {}

  record Webhook(String url) {}
}
