package io.rebound.extract;

import static io.rebound.extract.Payloads.extractor;
import static io.rebound.extract.Payloads.shared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.failure.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Declared environment › first mapping (factory, workspace, repo, cluster, job, pipeline) ›
 * default.
 */
class EnvironmentResolutionTest {

  @Test
  void unmappedResourceGetsTheDefaultWhichIsProductionUnlessSet() {
    assertThat(
            extractor()
                .extract("databricks", shared("databricks/databricks_job_failure.json"))
                .environment())
        .isEqualTo(Environment.PRODUCTION);
    assertThat(
            extractor("dev", Map.of())
                .extract("databricks", shared("databricks/databricks_job_failure.json"))
                .environment())
        .isEqualTo(Environment.DEVELOPMENT);
  }

  @Test
  void mappingsMatchCaseInsensitively() {
    var extractor = extractor("production", Map.of("ADF-CONTOSO-PROD", "staging"));

    assertThat(
            extractor
                .extract(
                    "azure-monitor",
                    shared("azure-monitor/adf_metric_alert_pipeline_failed_runs.json"))
                .environment())
        .isEqualTo(Environment.STAGING);
  }

  @Test
  void workspaceMappingWinsOverJobNameMapping() {
    var extractor =
        extractor("production", Map.of("nightly_orders_etl", "staging", "1234567890123456", "dev"));

    assertThat(
            extractor
                .extract("databricks", shared("databricks/databricks_job_failure.json"))
                .environment())
        .isEqualTo(Environment.DEVELOPMENT);
  }

  @Test
  void factoryMappingWinsOverPipelineMapping() {
    var extractor =
        extractor("production", Map.of("pl_ingest_sales_daily", "dev", "your-adf", "staging"));

    assertThat(
            extractor
                .extract(
                    "azure-monitor",
                    shared("prior-tool/02_adf_common_schema_alertcontext_properties.json"))
                .environment())
        .isEqualTo(Environment.STAGING);
  }

  @Test
  void workspaceHostFromARunPageUrlIsMatched() {
    var extractor =
        extractor("production", Map.of("adb-1234567890123456.7.azuredatabricks.net", "staging"));

    assertThat(
            extractor
                .extract(
                    "databricks",
                    shared("databricks/databricks_runs_get_failed_run_execution_error.json"))
                .environment())
        .isEqualTo(Environment.STAGING);
  }

  @Test
  void repositoryAndPipelineMappingsApplyToCi() {
    assertThat(
            extractor("production", Map.of("octo-org/octo-repo", "dev"))
                .extract("github", shared("cicd/github_workflow_run_failure.json"))
                .environment())
        .isEqualTo(Environment.DEVELOPMENT);
  }

  @Test
  void declaredEnvironmentWinsOverMappings() {
    String body =
        """
        {"schemaId": "azureMonitorCommonAlertSchema",
         "data": {"essentials": {"monitorCondition": "Fired",
                    "alertTargetIDs": ["/providers/Microsoft.DataFactory/factories/adf-contoso-prod"]},
                  "alertContext": {"properties": {"env": "dev"}}}}
        """;
    var extractor = extractor("production", Map.of("adf-contoso-prod", "production"));

    assertThat(extractor.extract("azure-monitor", Payloads.json(body)).environment())
        .isEqualTo(Environment.DEVELOPMENT);
  }

  @Test
  void unreadableDeclaredEnvironmentFallsBackToTheMappings() {
    String body =
        """
        {"status": "failed", "errorMessage": "x", "environment": "qa",
         "resource": {"pipeline": "pl_a"}}
        """;

    assertThat(
            extractor("production", Map.of("pl_a", "staging"))
                .extract("generic", Payloads.json(body))
                .environment())
        .isEqualTo(Environment.STAGING);
  }

  @Test
  void misconfiguredEnvironmentIsRefusedWithThePropertyName() {
    assertThatThrownBy(() -> new EnvironmentProperties("production", Map.of("adf-x", "qa")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rebound.environments.mappings.adf-x = 'qa' is not an environment");
    assertThatThrownBy(() -> new EnvironmentProperties("prodd", Map.of()))
        .hasMessageContaining("rebound.environments.default = 'prodd'");
  }

  @Test
  void propertiesBindFromConfigurationAsDocumented() {
    var source =
        new MapConfigurationPropertySource(
            Map.of(
                "rebound.environments.default", "staging",
                "rebound.environments.mappings[nightly_orders_etl]", "dev",
                "rebound.environments.mappings[contoso/orders-etl]", "prod"));
    EnvironmentProperties properties =
        new Binder(source)
            .bind("rebound.environments", Bindable.of(EnvironmentProperties.class))
            .get();

    assertThat(properties.defaultEnvironment()).isEqualTo("staging");
    assertThat(properties.mappings())
        .containsEntry("nightly_orders_etl", "dev")
        .containsEntry("contoso/orders-etl", "prod");
  }

  @Test
  void defaultIsProductionWhenNothingIsConfigured() {
    var source =
        new MapConfigurationPropertySource(Map.of("rebound.environments.mappings[a]", "dev"));
    EnvironmentProperties properties =
        new Binder(source)
            .bind("rebound.environments", Bindable.of(EnvironmentProperties.class))
            .get();

    assertThat(properties.defaultEnvironment()).isEqualTo("production");
  }
}
