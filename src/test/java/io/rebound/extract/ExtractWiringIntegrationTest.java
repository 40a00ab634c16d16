package io.rebound.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The extractor as Spring wires it: configuration bound from properties, bad values fail startup.
 */
class ExtractWiringIntegrationTest {

  @Configuration
  @EnableConfigurationProperties(EnvironmentProperties.class)
  @Import({EnvironmentResolver.class, FieldNamesConfiguration.class, DefaultFactExtractor.class})
  static class ExtractConfiguration {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(ExtractConfiguration.class);

  @Test
  void extractorUsesTheConfiguredMappings() {
    runner
        .withPropertyValues(
            "rebound.environments.default=staging",
            "rebound.environments.mappings[nightly_orders_etl]=dev")
        .run(
            context -> {
              FactExtractor extractor = context.getBean(FactExtractor.class);
              assertThat(
                      extractor
                          .extract(
                              "databricks",
                              Payloads.shared("databricks/databricks_job_failure.json"))
                          .environment())
                  .isEqualTo(Environment.DEVELOPMENT);
              assertThat(
                      extractor
                          .extract(
                              "github", Payloads.shared("cicd/github_workflow_run_failure.json"))
                          .environment())
                  .isEqualTo(Environment.STAGING);
            });
  }

  @Test
  void withoutConfigurationEverythingIsProduction() {
    runner.run(
        context ->
            assertThat(
                    context
                        .getBean(FactExtractor.class)
                        .extract("github", Payloads.shared("cicd/github_workflow_run_failure.json"))
                        .environment())
                .isEqualTo(Environment.PRODUCTION));
  }

  @Test
  void anUnknownEnvironmentStopsStartupNamingTheProperty() {
    runner
        .withPropertyValues("rebound.environments.mappings[adf-x]=qa")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("rebound.environments.mappings.adf-x = 'qa'"));
  }
}
