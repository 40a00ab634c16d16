package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The connector beans wire from application.yml, which reads the standard environment variables
 * (set here as properties with the same names).
 */
@SpringBootTest(classes = ConnectorIntegrationTest.ConnectorOnly.class)
class ConnectorIntegrationTest {

  private static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());

  static {
    WIREMOCK.start();
  }

  @Configuration(proxyBeanMethods = false)
  @Import(ConnectorConfiguration.class)
  @EnableConfigurationProperties({
    ConnectorTimeouts.class,
    DatabricksProperties.class,
    AdfProperties.class,
    GitHubProperties.class,
    GitLabProperties.class
  })
  static class ConnectorOnly {}

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry registry) {
    registry.add("DATABRICKS_HOST", WIREMOCK::baseUrl);
    registry.add("DATABRICKS_TOKEN", () -> "dapi-from-env");
    registry.add("GITLAB_URL", WIREMOCK::baseUrl);
    registry.add("GITLAB_TOKEN", () -> "glpat-from-env");
    registry.add("AZURE_SUBSCRIPTION_ID", () -> "5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47");
    registry.add("REBOUND_READ_TIMEOUT", () -> "12s");
  }

  @AfterAll
  static void stop() {
    WIREMOCK.stop();
  }

  @Autowired DatabricksReads reads;
  @Autowired Connectors connectors;
  @Autowired AdfProperties adf;
  @Autowired ConnectorTimeouts timeouts;
  @Autowired DatabricksProperties databricks;

  @Test
  void settingsComeFromTheStandardVariablesWithSensibleDefaults() {
    assertThat(adf.subscriptionId()).isEqualTo("5f1c2b3a-7d4e-4c1b-9a8e-2f6d0c9b1a47");
    assertThat(adf.managementUrl()).isEqualTo("https://management.azure.com");
    assertThat(adf.authorityHost()).isEqualTo("https://login.microsoftonline.com");
    assertThat(timeouts.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(timeouts.readTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(databricks.maxWorkers()).isEqualTo(20);
    assertThat(databricks.toString()).doesNotContain("dapi-from-env");
  }

  @Test
  void databricksReadsCallTheConfiguredWorkspaceWithTheConfiguredToken() {
    String run = Payloads.text("databricks/databricks_runs_get_failed_run_execution_error.json");
    WIREMOCK.stubFor(get(urlPathEqualTo("/api/2.2/jobs/runs/get")).willReturn(okJson(run)));

    assertThat(reads.getRun("41847992357943")).isEqualTo(run);
    WIREMOCK.verify(
        getRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withHeader("Authorization", equalTo("Bearer dapi-from-env")));
  }

  @Test
  void connectorsReachTheConfiguredGitLab() {
    WIREMOCK.stubFor(
        get(urlPathEqualTo("/api/v4/projects/1/pipelines/31"))
            .willReturn(okJson("{\"id\":31,\"status\":\"running\"}")));

    HealthCheckResult health =
        connectors.checkHealth(
            "workflow_succeeded",
            new ActionRequest(
                "rerun_workflow", Map.of("projectId", "1", "pipelineId", "31"), Map.of(), "k"),
            null);

    assertThat(health.status()).isEqualTo(HealthCheckResult.Status.PENDING);
    WIREMOCK.verify(
        getRequestedFor(urlPathEqualTo("/api/v4/projects/1/pipelines/31"))
            .withHeader("PRIVATE-TOKEN", equalTo("glpat-from-env")));
  }
}
