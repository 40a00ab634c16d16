package io.rebound.ingest;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rebound.webhooks.<endpoint>.secret}, one per webhook endpoint (azure-monitor, databricks,
 * github...). Secrets not configured are generated at first start (see the config module), so every
 * endpoint always has one.
 */
@ConfigurationProperties("rebound")
record WebhookSecrets(Map<String, Endpoint> webhooks) {

  record Endpoint(String secret) {}

  WebhookSecrets {
    webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
  }

  String secretOf(String endpoint) {
    Endpoint e = webhooks.get(endpoint);
    return e == null || e.secret() == null || e.secret().isBlank() ? null : e.secret();
  }
}
