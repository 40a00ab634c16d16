package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Refusals are counted exactly and kept bounded, newest first. */
class RefusedRequestsTest {

  private final RefusedRequests refused = new RefusedRequests(Optional.empty());

  private void refuse(WebhookEndpoint endpoint, String reason, int n) {
    refused.record(
        endpoint,
        "/webhooks/" + endpoint.id(),
        401,
        new WebhookAuthenticator.Rejection(reason, "request " + n),
        Map.of("Content-Type", "application/json"),
        "{\"n\":" + n + "}",
        10);
  }

  @Test
  void countsEveryRefusalButKeepsOnlyTheLastFifty() {
    for (int n = 1; n <= 120; n++) {
      refuse(
          n % 3 == 0 ? WebhookEndpoint.GITHUB : WebhookEndpoint.AZURE_MONITOR, "wrong_secret", n);
    }

    assertThat(refused.counts())
        .containsExactly(
            new RefusedRequests.Count("azure-monitor", "wrong_secret", 80),
            new RefusedRequests.Count("github", "wrong_secret", 40));
    assertThat(refused.recent()).hasSize(RefusedRequests.KEPT);
    assertThat(refused.recent().get(0).detail()).isEqualTo("request 120");
    assertThat(refused.recent().get(RefusedRequests.KEPT - 1).detail()).isEqualTo("request 71");
  }

  @Test
  void countsAreKeptPerEndpointAndReason() {
    refuse(WebhookEndpoint.GITLAB, "missing_credentials", 1);
    refuse(WebhookEndpoint.GITLAB, "wrong_secret", 2);
    refuse(WebhookEndpoint.GITLAB, "wrong_secret", 3);

    assertThat(refused.counts())
        .containsExactly(
            new RefusedRequests.Count("gitlab", "missing_credentials", 1),
            new RefusedRequests.Count("gitlab", "wrong_secret", 2));
    assertThat(refused.recent())
        .extracting(RefusedRequests.Sample::bodyStart)
        .containsExactly("{\"n\":3}", "{\"n\":2}", "{\"n\":1}");
  }
}
