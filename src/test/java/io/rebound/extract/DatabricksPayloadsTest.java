package io.rebound.extract;

import static io.rebound.extract.Payloads.extract;
import static io.rebound.extract.Payloads.extractor;
import static io.rebound.extract.Payloads.shared;
import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Databricks webhooks and API bodies from src/test/resources/shared/payloads/databricks and
 * prior-tool.
 */
class DatabricksPayloadsTest {

  @ParameterizedTest
  @CsvSource({
    "databricks_job_failure.json, FAILED, jobs.on_failure",
    "databricks_job_success.json, SUCCEEDED, jobs.on_success",
    "databricks_job_start.json, IN_PROGRESS, jobs.on_start",
    "databricks_job_duration_warning.json, WARNING, jobs.on_duration_warning_threshold_exceeded"
  })
  void jobNotificationOutcomeFollowsTheEventType(String file, Outcome outcome, String eventType) {
    FailureFact fact = extract("databricks", "databricks/" + file);

    assertThat(fact.source()).isEqualTo(Source.DATABRICKS);
    assertThat(fact.outcome()).isEqualTo(outcome);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.JOB_RUN);
    assertThat(fact.resource().workspace()).isEqualTo("1234567890123456");
    assertThat(fact.resource().jobId()).isEqualTo("281874479417551");
    assertThat(fact.resource().jobName()).isEqualTo("nightly_orders_etl");
    assertThat(fact.resource().runId()).isEqualTo("41847992357943");
    assertThat(fact.attributes()).containsEntry("eventType", eventType);
  }

  @Test
  void taskFailureNotificationIsATaskRunWithItsParent() {
    FailureFact fact = extract("databricks", "databricks/databricks_task_failure.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.TASK_RUN);
    assertThat(fact.resource().taskKey()).isEqualTo("transform_orders");
    assertThat(fact.resource().runId()).isEqualTo("41847992357945");
    assertThat(fact.resource().parentRunId()).isEqualTo("41847992357943");
  }

  @Test
  void runsGetPicksTheFailedTaskOverTheOneSkippedBecauseOfIt() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_runs_get_failed_run_execution_error.json");

    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.TASK_RUN);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().taskKey()).isEqualTo("transform_orders");
    assertThat(fact.resource().runId()).isEqualTo("41847992357945");
    assertThat(fact.resource().parentRunId()).isEqualTo("41847992357943");
    assertThat(fact.resource().jobId()).isEqualTo("281874479417551");
    assertThat(fact.resource().clusterId()).isEqualTo("0314-021503-a1b2c3d4");
    assertThat(fact.resource().workspace()).isEqualTo("1234567890123456");
    assertThat(fact.codes().runTerminationCode()).isEqualTo("RUN_EXECUTION_ERROR");
    assertThat(fact.codes().runTerminationType()).isEqualTo("CLIENT_ERROR");
    assertThat(fact.codes().resultState()).isEqualTo("FAILED");
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
    assertThat(fact.errorMessage()).isEqualTo("Workload failed, see run output for details");
    assertThat(fact.attributes())
        .containsEntry("skippedTasks", "publish_orders")
        .containsEntry("workspaceHost", "adb-1234567890123456.7.azuredatabricks.net");
    assertThat(fact.occurredAt()).isEqualTo(Instant.ofEpochMilli(1741919247000L));
  }

  @Test
  void runsGetDriverErrorIsASystemError() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_runs_get_failed_driver_unreachable.json");

    assertThat(fact.codes().lifeCycleState()).isEqualTo("INTERNAL_ERROR");
    assertThat(fact.codes().runTerminationCode()).isEqualTo("DRIVER_ERROR");
    assertThat(fact.codes().runTerminationType()).isEqualTo("CLOUD_FAILURE");
    assertThat(fact.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
    assertThat(fact.resource().taskKey()).isEqualTo("ingest_orders");
    assertThat(fact.errorMessage())
        .isEqualTo("Could not reach driver of cluster 0314-021503-a1b2c3d4.");
  }

  @Test
  void runsGetLibraryInstallationErrorNamesTheLibrary() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_runs_get_failed_library_installation.json");

    assertThat(fact.codes().runTerminationCode()).isEqualTo("LIBRARY_INSTALLATION_ERROR");
    assertThat(fact.resource().library()).isEqualTo("pandas==9.9.9");
    assertThat(fact.attributes())
        .containsEntry("libraryName", "pandas")
        .containsEntry("libraryVersion", "9.9.9")
        .containsEntry("libraryType", "pypi");
    assertThat(fact.errorMessage()).startsWith("Library installation failed for library");
    assertThat(fact.failureType()).isEqualTo(FailureType.USER_ERROR);
  }

  @Test
  void runOutputErrorIsTheMessageAndTheTraceIsKept() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_runs_get_output_error_verbatim.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.errorMessage())
        .isEqualTo("ZeroDivisionError: integer division or modulo by zero");
    assertThat(fact.attributes().get("errorTrace"))
        .contains("----> 3 return numerator / denominator");
  }

  @Test
  void runOutputWithRunMetadataReadsTheRunAndPrefersTheOutputError() {
    String body =
        """
        {"error": "AnalysisException: Table or view not found: sales.orders",
         "error_trace": "Traceback...",
         "metadata": {"job_id": 11, "run_id": 22, "run_page_url": "https://h/?o=77#job/11/run/22",
                      "state": {"life_cycle_state": "TERMINATED", "result_state": "FAILED",
                                "state_message": "Workload failed"}}}
        """;
    FailureFact fact = extractor().extract("databricks", Payloads.json(body));

    assertThat(fact.resource().runId()).isEqualTo("22");
    assertThat(fact.resource().workspace()).isEqualTo("77");
    assertThat(fact.errorMessage())
        .isEqualTo("AnalysisException: Table or view not found: sales.orders");
  }

  @Test
  void clusterTerminatedDriverUnreachableIsASystemErrorTermination() {
    FailureFact fact =
        extract(
            "databricks", "databricks/databricks_cluster_get_terminated_driver_unreachable.json");

    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.CLUSTER);
    assertThat(fact.outcome()).isEqualTo(Outcome.TERMINATED);
    assertThat(fact.resource().clusterId()).isEqualTo("1234-567890-reef123");
    assertThat(fact.codes().terminationCode()).isEqualTo("DRIVER_UNREACHABLE");
    assertThat(fact.codes().terminationType()).isEqualTo("SERVICE_FAULT");
    assertThat(fact.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
    assertThat(fact.errorMessage())
        .isEqualTo("Driver of cluster 1234-567890-reef123 is not reachable.");
    assertThat(fact.attributes())
        .containsEntry(
            "termination.databricks_error_message",
            "Could not reach driver of cluster 1234-567890-reef123.")
        .containsEntry("clusterName", "my-cluster");
    assertThat(fact.occurredAt()).isEqualTo(Instant.ofEpochMilli(1619720113513L));
  }

  @Test
  void inactivityTerminationIsANormalStopNotAFailure() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_cluster_get_terminated_inactivity.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.TERMINATED);
    assertThat(fact.codes().terminationCode()).isEqualTo("INACTIVITY");
    assertThat(fact.codes().terminationType()).isEqualTo("SUCCESS");
    assertThat(fact.failureType()).isEqualTo(FailureType.UNKNOWN);
    assertThat(fact.attributes()).containsEntry("termination.inactivity_duration_min", "120");
  }

  @Test
  void sparkErrorTerminationKeepsTheFullStateMessage() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_cluster_get_terminated_spark_error.json");

    assertThat(fact.codes().terminationCode()).isEqualTo("SPARK_ERROR");
    assertThat(fact.errorMessage())
        .endsWith("Spark error: Driver down")
        .startsWith("Spark encountered");
  }

  @Test
  void runningClusterIsHealthy() {
    FailureFact fact =
        extract("databricks", "databricks/databricks_cluster_get_running_verbatim.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.codes().terminationCode()).isNull();
  }

  @Test
  void clusterCustomTagDeclaresTheEnvironment() {
    String body =
        """
        {"cluster_id": "c-1", "state": "TERMINATED", "custom_tags": {"Env": "dev", "team": "data"},
         "termination_reason": {"code": "DRIVER_UNREACHABLE", "type": "SERVICE_FAULT"}}
        """;
    FailureFact fact = extractor().extract("databricks", Payloads.json(body));

    assertThat(fact.environment().id()).isEqualTo("development");
    assertThat(fact.attributes()).containsEntry("tag.team", "data");
  }

  @Test
  void failedLibraryIsTheFactWithItsMessages() {
    FailureFact fact =
        extract(
            "databricks", "databricks/databricks_libraries_cluster_status_failed_verbatim.json");

    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.LIBRARY);
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().clusterId()).isEqualTo("11203-my-cluster");
    assertThat(fact.resource().library()).isEqualTo("ada");
    assertThat(fact.attributes())
        .containsEntry("libraryType", "cran")
        .containsEntry("libraryRepo", "https://cran.us.r-project.org");
    assertThat(fact.errorMessage()).contains("R package installation is not supported");
  }

  @Test
  void pypiLibraryCoordinateSplitsNameAndVersion() {
    String body =
        """
        {"cluster_id": "c-1", "library_statuses": [
          {"library": {"pypi": {"package": "pandas==2.1.4"}}, "status": "FAILED",
           "messages": ["No matching distribution found for pandas==2.1.4"]}]}
        """;
    FailureFact fact = extractor().extract("databricks", Payloads.json(body));

    assertThat(fact.resource().library()).isEqualTo("pandas==2.1.4");
    assertThat(fact.attributes())
        .containsEntry("libraryName", "pandas")
        .containsEntry("libraryVersion", "2.1.4");
  }

  @Test
  void libraryStatusesWithoutFailureAreNotFailures() {
    String body =
        """
        {"cluster_id": "c-1", "library_statuses": [
          {"library": {"jar": "dbfs:/a.jar"}, "status": "INSTALLED"},
          {"library": {"pypi": {"package": "x"}}, "status": "INSTALLING"}]}
        """;
    assertThat(extractor().extract("databricks", Payloads.json(body)).outcome())
        .isEqualTo(Outcome.IN_PROGRESS);
  }

  @Test
  void clusterEventsNewestTerminationWinsAndKeepsTheDriverStateMessage() {
    FailureFact fact =
        extract(
            "databricks", "databricks/databricks_cluster_events_driver_unreachable_sequence.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.TERMINATED);
    assertThat(fact.resource().clusterId()).isEqualTo("1234-567890-reef123");
    assertThat(fact.codes().terminationCode()).isEqualTo("DRIVER_UNREACHABLE");
    assertThat(fact.errorMessage())
        .isEqualTo("Could not reach driver of cluster 1234-567890-reef123.");
    assertThat(fact.attributes())
        .containsEntry(
            "driverStateMessage", "Driver is up but is not responsive, likely due to GC.");
    assertThat(fact.occurredAt()).isEqualTo(Instant.ofEpochMilli(1619720113513L));
  }

  @Test
  void clusterEventsResponseWithOnlyRunningIsHealthy() {
    // The verbatim file is a request/response exchange; its response is the body the poller reads.
    FailureFact fact =
        extractor()
            .extract(
                "databricks",
                shared("databricks/databricks_cluster_events_verbatim.json").path("response"));

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.attributes()).containsEntry("eventType", "RUNNING");
  }

  @Test
  void driverNotRespondingWithoutTerminationIsAFailure() {
    String body =
        """
        {"events": [
          {"cluster_id": "c-1", "timestamp": 1, "type": "RUNNING", "details": {}},
          {"cluster_id": "c-1", "timestamp": 2, "type": "DRIVER_NOT_RESPONDING",
           "details": {"driver_state_message": "Driver is up but is not responsive"}}]}
        """;
    FailureFact fact = extractor().extract("databricks", Payloads.json(body));

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.codes().platformCode()).isEqualTo("DRIVER_NOT_RESPONDING");
    assertThat(fact.errorMessage()).isEqualTo("Driver is up but is not responsive");
  }

  @Test
  void priorToolFlatJobPayload() {
    FailureFact fact = extract("databricks", "prior-tool/05_databricks_flat_job_payload.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().jobName()).isEqualTo("TestJob");
    assertThat(fact.resource().jobId()).isEqualTo("67890");
    assertThat(fact.resource().runId()).isEqualTo("test-12345");
    assertThat(fact.resource().clusterId()).isEqualTo("test-cluster");
    assertThat(fact.resource().workspace()).isEqualTo("adb-123456.azuredatabricks.net");
    assertThat(fact.errorMessage()).isEqualTo("Cluster failed to start: INSUFFICIENT_WORKER_NODES");
  }

  @Test
  void priorToolJobFailureEventWithNumericIds() {
    FailureFact fact = extract("databricks", "prior-tool/06_databricks_job_failure_event.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resource().jobId()).isEqualTo("404831337617650");
    assertThat(fact.resource().jobName()).isEqualTo("ETL_Production_Pipeline");
    assertThat(fact.resource().runId()).isEqualTo("204354054874177");
    assertThat(fact.codes().resultState()).isEqualTo("FAILED");
    assertThat(fact.errorMessage()).isEqualTo("Task failed. Check task logs for details.");
    assertThat(fact.occurredAt()).isEqualTo(Instant.ofEpochMilli(1732627800000L));
  }

  @Test
  void priorToolClusterFailedToStart() {
    FailureFact fact =
        extract("databricks", "prior-tool/08_databricks_cluster_failed_to_start.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.resourceKind()).isEqualTo(ResourceKind.CLUSTER);
    assertThat(fact.resource().clusterId()).isEqualTo("1234-567890-abc123");
    assertThat(fact.codes().terminationCode()).isEqualTo("INSTANCE_UNREACHABLE");
    assertThat(fact.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
    assertThat(fact.errorMessage()).contains("Standard_DS3_v2 is not available in region eastus");
  }

  @Test
  void priorToolClusterTerminatedDriverNotResponding() {
    FailureFact fact =
        extract(
            "databricks", "prior-tool/09_databricks_cluster_terminated_driver_not_responding.json");

    assertThat(fact.outcome()).isEqualTo(Outcome.TERMINATED);
    assertThat(fact.resource().clusterId()).isEqualTo("test-cluster-123");
    assertThat(fact.codes().terminationCode()).isEqualTo("DRIVER_NOT_RESPONDING");
    assertThat(fact.errorMessage()).isEqualTo("Driver not responding");
  }

  @Test
  void priorToolBodiesAreReadWhicheverOfTheTwoSourcesTheyArriveAt() {
    for (String file :
        new String[] {
          "prior-tool/05_databricks_flat_job_payload.json",
          "prior-tool/06_databricks_job_failure_event.json",
          "prior-tool/08_databricks_cluster_failed_to_start.json",
          "prior-tool/09_databricks_cluster_terminated_driver_not_responding.json"
        }) {
      assertThat(extract("azure-monitor", file)).as(file).isEqualTo(extract("databricks", file));
    }
    assertThat(
            extract("databricks", "prior-tool/02_adf_common_schema_alertcontext_properties.json"))
        .isEqualTo(
            extract(
                "azure-monitor", "prior-tool/02_adf_common_schema_alertcontext_properties.json"));
  }

  @Test
  void runOutputWithoutErrorIsASuccess() {
    String body = "{\"notebook_output\": {\"result\": \"42 rows\"}, \"metadata\": {}}";
    FailureFact fact = extractor().extract("databricks", Payloads.json(body));

    assertThat(fact.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(fact.attributes()).containsEntry("notebookResult", "42 rows");
  }
}
