package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabricksReadsClientTest {

  private final WireMockServer wireMock = new WireMockServer(options().dynamicPort());
  private DatabricksReadsClient reads;

  @BeforeEach
  void start() {
    wireMock.start();
    reads = readsWithReadTimeout(Duration.ofSeconds(10));
  }

  private DatabricksReadsClient readsWithReadTimeout(Duration readTimeout) {
    return new DatabricksReadsClient(
        new DatabricksApi(
            new DatabricksProperties(wireMock.baseUrl(), "dapi-test-token", 20),
            new ConnectorTimeouts(Duration.ofSeconds(5), readTimeout)));
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  @Test
  void runIsReturnedExactlyAsDatabricksSentIt() {
    String body = Payloads.text("databricks/databricks_runs_get_failed_run_execution_error.json");
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withQueryParam("run_id", equalTo("41847992357943"))
            .willReturn(okJson(body)));

    assertThat(reads.getRun("41847992357943")).isEqualTo(body);
    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withHeader("Authorization", equalTo("Bearer dapi-test-token")));
  }

  @Test
  void clusterAndLibraryStatusesAreReturnedExactlyAsDatabricksSentThem() {
    String cluster =
        Payloads.text("databricks/databricks_cluster_get_terminated_driver_unreachable.json");
    String libraries =
        Payloads.text("databricks/databricks_libraries_cluster_status_failed_verbatim.json");
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.1/clusters/get"))
            .withQueryParam("cluster_id", equalTo("1234-567890-reef123"))
            .willReturn(okJson(cluster)));
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.0/libraries/cluster-status"))
            .withQueryParam("cluster_id", equalTo("1234-567890-reef123"))
            .willReturn(okJson(libraries)));

    assertThat(reads.getCluster("1234-567890-reef123")).isEqualTo(cluster);
    assertThat(reads.getLibraryStatuses(" 1234-567890-reef123 ")).isEqualTo(libraries);
    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/2.0/libraries/cluster-status"))
            .withHeader("Authorization", equalTo("Bearer dapi-test-token")));
    assertThatThrownBy(() -> reads.getCluster(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clusterId");
  }

  @Test
  void runOutputIsReturnedExactlyAsDatabricksSentIt() {
    String body = Payloads.text("databricks/databricks_runs_get_output_error_verbatim.json");
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get-output"))
            .withQueryParam("run_id", equalTo("455644833"))
            .willReturn(okJson(body)));

    assertThat(reads.getRunOutput("455644833")).isEqualTo(body);
  }

  @Test
  void clusterEventsAreAskedNewestFirstFromTheGivenTime() {
    String body = Payloads.entry("databricks/databricks_cluster_events_verbatim.json", "response");
    wireMock.stubFor(post(urlPathEqualTo("/api/2.1/clusters/events")).willReturn(okJson(body)));

    assertThat(reads.getClusterEvents("1234-567890-reef123", 1617238800000L)).isEqualTo(body);
    wireMock.verify(
        postRequestedFor(urlPathEqualTo("/api/2.1/clusters/events"))
            .withRequestBody(
                equalToJson(
                    "{\"cluster_id\":\"1234-567890-reef123\",\"start_time\":1617238800000,"
                        + "\"order\":\"DESC\"}")));
  }

  @Test
  void unknownRunIsNotRetryable() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .willReturn(Payloads.databricksError("run_does_not_exist_400")));

    assertThatThrownBy(() -> reads.getRun("123"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.platform()).isEqualTo("databricks");
              assertThat(e.getMessage()).contains("Run 123 does not exist");
            });
  }

  @Test
  void rateLimitIsRetryableAfterTheSecondsDatabricksAsksFor() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .willReturn(Payloads.databricksError("request_limit_exceeded_429")));

    assertThatThrownBy(() -> reads.getRun("41847992357943"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.retryAfterSeconds()).isEqualTo(3);
            });
    // the SDK's own retries are off: the executor decides when to call again
    wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/get")));
  }

  @Test
  void slowAnswerIsARetryableTimeout() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .willReturn(okJson("{}").withFixedDelay(1_500)));
    DatabricksReadsClient impatient = readsWithReadTimeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> impatient.getRun("41847992357943"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.httpStatus()).isNull();
              assertThat(e.getMessage()).contains("timed out");
            });
  }
}
