package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub and GitLab. The REST run/pipeline objects are the same objects the webhooks carry ({@code
 * workflow_run}, {@code object_attributes}), so the shared webhook payloads serve as answers.
 */
class CiClientsTest {

  private final WireMockServer wireMock = new WireMockServer(options().dynamicPort());
  private final ConnectorTimeouts timeouts =
      new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  @BeforeEach
  void start() {
    wireMock.start();
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  @Nested
  class GitHub {

    private static final String RUN = "/repos/octo-org/octo-repo/actions/runs/289782451";
    private final ActionRequest rerun =
        new ActionRequest(
            "rerun_workflow",
            Map.of("repository", "octo-org/octo-repo", "workflowRunId", "289782451"),
            Map.of(),
            "incident-3/step-1/attempt-1");
    private GitHubClient github;

    @BeforeEach
    void client() {
      github =
          new GitHubClient(
              new GitHubProperties(wireMock.baseUrl(), "ghp_test", "2022-11-28"), timeouts);
    }

    private String run(Consumer<ObjectNode> change) {
      ObjectNode run =
          (ObjectNode) Payloads.json("cicd/github_workflow_run_failure.json").get("workflow_run");
      change.accept(run);
      return Payloads.JSON.writeValueAsString(run);
    }

    @Test
    void rerunWorkflowRerunsOnlyTheFailedJobs() {
      wireMock.stubFor(get(urlPathEqualTo(RUN)).willReturn(okJson(run(r -> {}))));
      wireMock.stubFor(
          post(urlPathEqualTo(RUN + "/rerun-failed-jobs")).willReturn(aResponse().withStatus(201)));

      ActionResult result = github.perform(rerun);

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      assertThat(result.reference()).isEqualTo("289782451");
      wireMock.verify(
          1,
          postRequestedFor(urlPathEqualTo(RUN + "/rerun-failed-jobs"))
              .withHeader("Authorization", equalTo("Bearer ghp_test"))
              .withHeader("Accept", equalTo("application/vnd.github+json"))
              .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void aRunAlreadyRunningAgainIsLeftAlone() {
      wireMock.stubFor(
          get(urlPathEqualTo(RUN))
              .willReturn(
                  okJson(
                      run(
                          r -> {
                            r.put("status", "in_progress");
                            r.putNull("conclusion");
                            r.put("run_attempt", 2);
                          }))));

      ActionResult result = github.perform(rerun);

      assertThat(result.status()).isEqualTo(ActionResult.Status.SKIPPED);
      assertThat(result.detail()).contains("in_progress");
      wireMock.verify(0, postRequestedFor(urlPathEqualTo(RUN + "/rerun-failed-jobs")));
    }

    @Test
    void workflowSucceededFollowsStatusAndConclusion() {
      wireMock.stubFor(get(urlPathEqualTo(RUN)).willReturn(okJson(run(r -> {}))));
      assertThat(github.checkHealth("workflow_succeeded", rerun, null).status())
          .isEqualTo(HealthCheckResult.Status.UNHEALTHY);

      wireMock.stubFor(
          get(urlPathEqualTo(RUN))
              .willReturn(
                  okJson(
                      run(
                          r -> {
                            r.put("status", "queued");
                            r.putNull("conclusion");
                          }))));
      assertThat(github.checkHealth("workflow_succeeded", rerun, null).status())
          .isEqualTo(HealthCheckResult.Status.PENDING);

      wireMock.stubFor(
          get(urlPathEqualTo(RUN))
              .willReturn(
                  okJson(
                      Payloads.entry(
                          "cicd/github_workflow_run_completed_success_verbatim.json",
                          "workflow_run"))));
      assertThat(github.checkHealth("workflow_succeeded", rerun, null).status())
          .isEqualTo(HealthCheckResult.Status.HEALTHY);
    }

    @Test
    void forbiddenIsNotRetryableAndKeepsGitHubsMessage() {
      wireMock.stubFor(get(urlPathEqualTo(RUN)).willReturn(okJson(run(r -> {}))));
      wireMock.stubFor(
          post(urlPathEqualTo(RUN + "/rerun-failed-jobs"))
              .willReturn(
                  aResponse()
                      .withStatus(403)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"message\":\"Resource not accessible by integration\"}")));

      assertThatThrownBy(() -> github.perform(rerun))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.platform()).isEqualTo("github");
                assertThat(e.getMessage())
                    .contains("Resource not accessible by integration")
                    .doesNotContain("ghp_test");
              });
    }
  }

  @Nested
  class GitLab {

    private static final String PIPELINE = "/api/v4/projects/gitlab-org%2Fgitlab-test/pipelines/31";
    private final ActionRequest rerun =
        new ActionRequest(
            "rerun_workflow",
            Map.of("projectId", "gitlab-org/gitlab-test", "pipelineId", "31"),
            Map.of(),
            "incident-4/step-1/attempt-1");
    private GitLabClient gitlab;

    @BeforeEach
    void client() {
      gitlab = new GitLabClient(new GitLabProperties(wireMock.baseUrl(), "glpat-test"), timeouts);
    }

    private String pipeline(String status) {
      ObjectNode pipeline =
          (ObjectNode) Payloads.json("cicd/gitlab_pipeline_failed.json").get("object_attributes");
      if (status != null) {
        pipeline.put("status", status);
      }
      return Payloads.JSON.writeValueAsString(pipeline);
    }

    @Test
    void rerunWorkflowRetriesTheFailedPipeline() {
      wireMock.stubFor(get(urlPathEqualTo(PIPELINE)).willReturn(okJson(pipeline(null))));
      wireMock.stubFor(
          post(urlPathEqualTo(PIPELINE + "/retry"))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody(pipeline("running"))));

      ActionResult result = gitlab.perform(rerun);

      assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
      assertThat(result.reference()).isEqualTo("31");
      assertThat(result.data()).containsEntry("previousStatus", "failed");
      wireMock.verify(
          1,
          postRequestedFor(urlPathEqualTo(PIPELINE + "/retry"))
              .withHeader("PRIVATE-TOKEN", equalTo("glpat-test")));
    }

    @Test
    void aPipelineAlreadyRunningIsLeftAlone() {
      wireMock.stubFor(get(urlPathEqualTo(PIPELINE)).willReturn(okJson(pipeline("running"))));

      assertThat(gitlab.perform(rerun).status()).isEqualTo(ActionResult.Status.SKIPPED);
      wireMock.verify(0, postRequestedFor(urlPathEqualTo(PIPELINE + "/retry")));
    }

    @Test
    void workflowSucceededFollowsThePipelineStatus() {
      wireMock.stubFor(get(urlPathEqualTo(PIPELINE)).willReturn(okJson(pipeline(null))));
      assertThat(gitlab.checkHealth("workflow_succeeded", rerun, null).status())
          .isEqualTo(HealthCheckResult.Status.UNHEALTHY);

      wireMock.stubFor(get(urlPathEqualTo(PIPELINE)).willReturn(okJson(pipeline("pending"))));
      assertThat(gitlab.checkHealth("workflow_succeeded", rerun, null).status())
          .isEqualTo(HealthCheckResult.Status.PENDING);

      wireMock.stubFor(
          get(urlPathEqualTo(PIPELINE))
              .willReturn(
                  okJson(
                      Payloads.entry(
                          "cicd/gitlab_pipeline_hook_example_verbatim.json",
                          "object_attributes"))));
      assertThat(gitlab.checkHealth("workflow_succeeded", rerun, null).status())
          .isEqualTo(HealthCheckResult.Status.HEALTHY);
    }

    @Test
    void aSlowGitLabIsARetryableTimeout() {
      wireMock.stubFor(
          get(urlPathEqualTo(PIPELINE)).willReturn(okJson(pipeline(null)).withFixedDelay(1_500)));
      GitLabClient impatient =
          new GitLabClient(
              new GitLabProperties(wireMock.baseUrl(), "glpat-test"),
              new ConnectorTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));

      assertThatThrownBy(() -> impatient.perform(rerun))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.getMessage()).contains("timed out");
                assertThat(e.retryable()).isTrue();
              });
    }
  }
}
