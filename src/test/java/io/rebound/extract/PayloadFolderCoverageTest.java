package io.rebound.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.failure.FailureFact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JSON file in src/test/resources/shared/payloads is either a body Rebound reads (with the
 * source it arrives at) or listed here as a request/exchange descriptor that is not a body. A new
 * payload file therefore fails this test until someone decides which it is.
 */
class PayloadFolderCoverageTest {

  /** Bodies, by the webhook source they arrive at. */
  private static final Map<String, String> BODIES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "azure-monitor/adf_activity_runs_query_failed_copy_blob_not_exist.json",
                  "azure-monitor"),
              Map.entry(
                  "azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json", "azure-monitor"),
              Map.entry(
                  "azure-monitor/adf_log_alert_v2_databricks_3203_cluster_terminated.json",
                  "azure-monitor"),
              Map.entry(
                  "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json", "azure-monitor"),
              Map.entry(
                  "azure-monitor/adf_metric_alert_pipeline_failed_runs.json", "azure-monitor"),
              Map.entry(
                  "azure-monitor/adf_metric_alert_pipeline_failed_runs_resolved.json",
                  "azure-monitor"),
              Map.entry("azure-monitor/adf_pipeline_run_get_failed.json", "azure-monitor"),
              Map.entry("azure-monitor/adf_pipeline_runs_query_failed.json", "azure-monitor"),
              Map.entry(
                  "azure-monitor/azmon_common_schema_metric_sample_verbatim.json", "azure-monitor"),
              Map.entry("azure-monitor/azmon_log_alert_v2_sample_verbatim.json", "azure-monitor"),
              Map.entry("cicd/github_workflow_run_completed_success_verbatim.json", "github"),
              Map.entry("cicd/github_workflow_run_failure.json", "github"),
              Map.entry("cicd/gitlab_pipeline_failed.json", "gitlab"),
              Map.entry("cicd/gitlab_pipeline_hook_example_verbatim.json", "gitlab"),
              Map.entry(
                  "databricks/databricks_cluster_events_driver_unreachable_sequence.json",
                  "databricks"),
              Map.entry("databricks/databricks_cluster_get_running_verbatim.json", "databricks"),
              Map.entry(
                  "databricks/databricks_cluster_get_terminated_driver_unreachable.json",
                  "databricks"),
              Map.entry(
                  "databricks/databricks_cluster_get_terminated_inactivity.json", "databricks"),
              Map.entry(
                  "databricks/databricks_cluster_get_terminated_spark_error.json", "databricks"),
              Map.entry("databricks/databricks_job_duration_warning.json", "databricks"),
              Map.entry("databricks/databricks_job_failure.json", "databricks"),
              Map.entry("databricks/databricks_job_start.json", "databricks"),
              Map.entry("databricks/databricks_job_success.json", "databricks"),
              Map.entry(
                  "databricks/databricks_libraries_cluster_status_failed_verbatim.json",
                  "databricks"),
              Map.entry(
                  "databricks/databricks_runs_get_failed_driver_unreachable.json", "databricks"),
              Map.entry(
                  "databricks/databricks_runs_get_failed_library_installation.json", "databricks"),
              Map.entry(
                  "databricks/databricks_runs_get_failed_run_execution_error.json", "databricks"),
              Map.entry("databricks/databricks_runs_get_output_error_verbatim.json", "databricks"),
              Map.entry("databricks/databricks_task_failure.json", "databricks"),
              Map.entry(
                  "prior-tool/02_adf_common_schema_alertcontext_properties.json", "azure-monitor"),
              Map.entry("prior-tool/05_databricks_flat_job_payload.json", "databricks"),
              Map.entry("prior-tool/06_databricks_job_failure_event.json", "databricks"),
              Map.entry("prior-tool/08_databricks_cluster_failed_to_start.json", "databricks"),
              Map.entry(
                  "prior-tool/09_databricks_cluster_terminated_driver_not_responding.json",
                  "databricks")));

  /** Request/response descriptors, header captures and token exchanges: never a webhook body. */
  private static final Map<String, String> NOT_BODIES =
      Map.of(
          "azure-monitor/aad_token_responses_verbatim.json", "azure-monitor",
          "azure-monitor/adf_rest_exchanges.json", "azure-monitor",
          "cicd/github_workflow_run_failure.headers.json", "github",
          "cicd/gitlab_pipeline_failed.headers.json", "gitlab",
          "databricks/databricks_api_errors.json", "databricks",
          "databricks/databricks_cluster_events_verbatim.json", "databricks",
          "databricks/databricks_cluster_requests.json", "databricks",
          "databricks/databricks_jobs_requests_verbatim.json", "databricks",
          "databricks/databricks_libraries_install_request.json", "databricks");

  private static List<String> payloadFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Payloads.ROOT)) {
      return files
          .filter(file -> file.toString().endsWith(".json"))
          .map(file -> Payloads.ROOT.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyPayloadFileIsEitherABodyOrADeclaredDescriptor() throws IOException {
    List<String> files = payloadFiles();

    assertThat(files).as("payload folder %s", Payloads.ROOT.toAbsolutePath()).isNotEmpty();
    assertThat(files)
        .as("files neither read as a body nor declared a descriptor")
        .allMatch(file -> BODIES.containsKey(file) || NOT_BODIES.containsKey(file));
    assertThat(files).containsAll(BODIES.keySet()).containsAll(NOT_BODIES.keySet());
  }

  @Test
  void everyBodyIsExtracted() {
    DefaultFactExtractor extractor = Payloads.extractor();
    BODIES.forEach(
        (file, source) -> {
          FailureFact fact = extractor.extract(source, Payloads.shared(file));
          assertThat(fact.outcome()).as(file).isNotEqualTo(io.rebound.failure.Outcome.UNKNOWN);
        });
  }

  @Test
  void descriptorsAreRefusedNotMisreadAsFailures() {
    DefaultFactExtractor extractor = Payloads.extractor();
    NOT_BODIES.forEach(
        (file, source) ->
            assertThatThrownBy(() -> extractor.extract(source, Payloads.shared(file)))
                .as(file)
                .isInstanceOf(UnreadablePayloadException.class));
  }
}
