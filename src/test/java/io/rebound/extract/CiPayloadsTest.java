package io.rebound.extract;

import static io.rebound.extract.Payloads.extract;
import static io.rebound.extract.Payloads.extractor;
import static io.rebound.extract.Payloads.json;
import static io.rebound.extract.Payloads.reconstructed;
import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CI webhooks: GitHub and GitLab from src/test/resources/shared/payloads/cicd; Jenkins, Azure
 * DevOps and CircleCI from this module's reconstructed fixtures (src/test/resources/payloads).
 */
class CiPayloadsTest {

  @Test
  void githubFailedWorkflowRun() {
    FailureFact fact = extract("github", "cicd/github_workflow_run_failure.json");

    assertThat(fact.source()).isEqualTo(Source.GITHUB);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.WORKFLOW_RUN);
    assertThat(fact.resource().repository()).isEqualTo("octo-org/octo-repo");
    assertThat(fact.resource().workflowRunId()).isEqualTo("289782451");
    assertThat(fact.resource().pipeline()).isEqualTo("test");
    assertThat(fact.resource().branch()).isEqualTo("master");
    assertThat(fact.codes().platformCode()).isEqualTo("failure");
    assertThat(fact.attributes())
        .containsEntry("conclusion", "failure")
        .containsEntry("event", "push");
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2020-10-05T16:35:02Z"));
  }

  @Test
  void githubSucceededWorkflowRunIsNotAFailure() {
    FailureFact fact =
        extract("github", "cicd/github_workflow_run_completed_success_verbatim.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.attributes()).containsEntry("conclusion", "success");
  }

  @ParameterizedTest
  @CsvSource({
    "completed, failure, FAILED",
    "completed, timed_out, FAILED",
    "completed, cancelled, FAILED",
    "completed, startup_failure, FAILED",
    "completed, success, SUCCEEDED",
    "in_progress, , IN_PROGRESS",
    "queued, , IN_PROGRESS"
  })
  void githubConclusionOrStatusDecidesTheOutcome(
      String status, String conclusion, Outcome outcome) {
    String body =
        """
        {"action": "x", "repository": {"full_name": "o/r"},
         "workflow_run": {"id": 1, "name": "ci", "status": "%s", "conclusion": %s}}
        """
            .formatted(status, conclusion == null ? "null" : "\"" + conclusion + "\"");

    assertThat(extractor().extract("github", json(body)).outcome()).isEqualTo(outcome);
  }

  @Test
  void githubWorkflowJobNamesTheFailedStep() {
    String body =
        """
        {"action": "completed", "repository": {"full_name": "o/r"},
         "workflow_job": {"id": 7, "run_id": 5, "name": "build", "workflow_name": "ci",
                          "status": "completed", "conclusion": "failure", "head_branch": "main",
                          "steps": [{"name": "checkout", "conclusion": "success"},
                                    {"name": "mvn verify", "conclusion": "failure"}]}}
        """;
    FailureFact fact = extractor().extract("github", json(body));

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().workflowRunId()).isEqualTo("5");
    assertThat(fact.resource().taskKey()).isEqualTo("build");
    assertThat(fact.attributes()).containsEntry("failedStep", "mvn verify");
  }

  @Test
  void gitlabFailedPipelineNamesTheFailedJobAndItsReason() {
    FailureFact fact = extract("gitlab", "cicd/gitlab_pipeline_failed.json");

    assertThat(fact.source()).isEqualTo(Source.GITLAB);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().repository()).isEqualTo("gitlab-org/gitlab-test");
    assertThat(fact.resource().workflowRunId()).isEqualTo("31");
    assertThat(fact.resource().branch()).isEqualTo("master");
    assertThat(fact.resource().taskKey()).isEqualTo("test-build");
    assertThat(fact.codes().platformCode()).isEqualTo("script_failure");
    assertThat(fact.attributes())
        .containsEntry("failureReason", "script_failure")
        .containsEntry("failedStage", "test");
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2016-08-12T15:26:29Z"));
  }

  @Test
  void gitlabSuccessfulPipelineIgnoresAnAllowedToFailJob() {
    FailureFact fact = extract("gitlab", "cicd/gitlab_pipeline_hook_example_verbatim.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.resource().taskKey()).isNull();
    assertThat(fact.codes().platformCode()).isEqualTo("success");
  }

  @Test
  void jenkinsCompletedFailure() {
    FailureFact fact =
        extractor()
            .extract("jenkins", reconstructed("jenkins_notification_failure_reconstructed.json"));

    assertThat(fact.source()).isEqualTo(Source.JENKINS);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().pipeline()).isEqualTo("orders-etl-deploy");
    assertThat(fact.resource().workflowRunId()).isEqualTo("412");
    assertThat(fact.resource().repository()).isEqualTo("contoso/orders-etl");
    assertThat(fact.resource().branch()).isEqualTo("origin/main");
    assertThat(fact.codes().platformCode()).isEqualTo("FAILURE");
    assertThat(fact.errorMessage()).contains("Could not resolve dependency com.contoso:etl-common");
  }

  @Test
  void jenkinsStartedBuildIsInProgress() {
    FailureFact fact =
        extractor()
            .extract("jenkins", reconstructed("jenkins_notification_started_reconstructed.json"));

    assertThat(fact.outcome()).isEqualTo(Outcome.IN_PROGRESS);
    assertThat(fact.resource().repository()).isEqualTo("contoso/orders-etl");
  }

  @Test
  void azureDevOpsBuildCompleteFailed() {
    FailureFact fact =
        extractor()
            .extract(
                "azure-devops",
                reconstructed("azure_devops_build_complete_failed_reconstructed.json"));

    assertThat(fact.source()).isEqualTo(Source.AZURE_DEVOPS);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().pipeline()).isEqualTo("orders-etl");
    assertThat(fact.resource().workflowRunId()).isEqualTo("1234");
    assertThat(fact.resource().repository()).isEqualTo("contoso/orders-etl");
    assertThat(fact.resource().branch()).isEqualTo("refs/heads/main");
    assertThat(fact.errorMessage()).contains("Task 'Run integration tests' failed: exit code 1");
    assertThat(fact.occurredAt()).isEqualTo(Instant.parse("2025-03-14T02:18:40Z"));
  }

  @Test
  void azureDevOpsRunStateChangedSucceeded() {
    FailureFact fact =
        extractor()
            .extract(
                "azure-devops",
                reconstructed("azure_devops_run_state_changed_succeeded_reconstructed.json"));

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.resource().pipeline()).isEqualTo("orders-etl");
    assertThat(fact.resource().workflowRunId()).isEqualTo("1235");
  }

  @Test
  void circleCiWorkflowCompletedFailed() {
    FailureFact fact =
        extractor()
            .extract(
                "circleci", reconstructed("circleci_workflow_completed_failed_reconstructed.json"));

    assertThat(fact.source()).isEqualTo(Source.CIRCLECI);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().pipeline()).isEqualTo("build-test-deploy");
    assertThat(fact.resource().repository()).isEqualTo("contoso/orders-etl");
    assertThat(fact.resource().branch()).isEqualTo("main");
    assertThat(fact.codes().platformCode()).isEqualTo("failed");
  }

  @Test
  void circleCiJobCompletedSuccess() {
    FailureFact fact =
        extractor()
            .extract(
                "circleci", reconstructed("circleci_job_completed_success_reconstructed.json"));

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.resource().taskKey()).isEqualTo("unit-tests");
    assertThat(fact.resource().repository()).isEqualTo("contoso/orders-etl");
  }
}
