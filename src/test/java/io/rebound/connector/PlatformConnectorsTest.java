package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformConnectorsTest {

  private final WireMockServer wireMock = new WireMockServer(options().dynamicPort());
  private Connectors connectors;

  @BeforeEach
  void start() {
    wireMock.start();
    ConnectorTimeouts timeouts =
        new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    String url = wireMock.baseUrl();
    connectors =
        new PlatformConnectors(
            List.of(
                new DatabricksClient(
                    new DatabricksApi(new DatabricksProperties(url, "dapi", 20), timeouts), 20),
                new AdfClient(
                    new AdfProperties(url, url, "t", "c", "s", "sub", "rg", "f"),
                    timeouts,
                    Clock.systemUTC()),
                new GitHubClient(new GitHubProperties(url, "ghp", "2022-11-28"), timeouts),
                new GitLabClient(new GitLabProperties(url, "glpat"), timeouts)));
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  @Test
  void eachActionBelongsToOnePlatform() {
    assertThat(connectors.platformOf("retry_job")).isEqualTo("databricks");
    assertThat(connectors.platformOf("restart_cluster")).isEqualTo("databricks");
    assertThat(connectors.platformOf("reinstall_library")).isEqualTo("databricks");
    assertThat(connectors.platformOf("retry_pipeline")).isEqualTo("adf");
    assertThat(connectors.platformOf("rerun_upstream_pipeline")).isEqualTo("adf");
    assertThat(connectors.platformOf("rerun_workflow")).isEqualTo("ci");
  }

  @Test
  void rerunWorkflowGoesToGitHubOrGitLabByItsTarget() {
    assertThat(connectors.platformOf(ci(Map.of("repository", "o/r", "workflowRunId", "1"))))
        .isEqualTo("github");
    assertThat(connectors.platformOf(ci(Map.of("projectId", "7", "pipelineId", "31"))))
        .isEqualTo("gitlab");
    assertThat(
            connectors.platformOf(
                ci(Map.of("platform", "GitLab", "repository", "o/r", "pipelineId", "31"))))
        .isEqualTo("gitlab");
    assertThatThrownBy(() -> connectors.platformOf(ci(Map.of("runId", "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GitHub")
        .hasMessageContaining("GitLab");
  }

  @Test
  void escalateIsTheExecutorsJob() {
    ActionRequest escalate = new ActionRequest("escalate", Map.of(), Map.of(), "k");
    assertThatThrownBy(() -> connectors.perform(escalate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executor");
    assertThatThrownBy(() -> connectors.platformOf("escalate"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownActionsAndChecksAreNamed() {
    assertThatThrownBy(() -> connectors.platformOf("reboot_everything"))
        .hasMessageContaining("reboot_everything");
    assertThatThrownBy(
            () ->
                connectors.checkHealth(
                    "vibes_ok", new ActionRequest("retry_job", Map.of(), Map.of(), "k"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vibes_ok");
  }

  @Test
  void healthChecksReachTheRightPlatform() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/v4/projects/7/pipelines/31"))
            .willReturn(okJson("{\"id\":31,\"status\":\"success\"}")));

    HealthCheckResult health =
        connectors.checkHealth(
            "workflow_succeeded", ci(Map.of("projectId", "7", "pipelineId", "31")), null);

    assertThat(health.status()).isEqualTo(HealthCheckResult.Status.HEALTHY);
    wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/projects/7/pipelines/31")));
  }

  private static ActionRequest ci(Map<String, String> target) {
    return new ActionRequest("rerun_workflow", target, Map.of(), "k");
  }
}
