package io.rebound.connector;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connector beans. Only the contracts ({@link Connectors}, {@link DatabricksReads}) are visible
 * outside this package. Nothing calls a platform at start-up: a platform without settings fails its
 * first call with a message naming the missing variables.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

  @Bean
  DatabricksApi databricksApi(DatabricksProperties properties, ConnectorTimeouts timeouts) {
    return new DatabricksApi(properties, timeouts);
  }

  @Bean
  DatabricksReads databricksReads(DatabricksApi databricksApi) {
    return new DatabricksReadsClient(databricksApi);
  }

  @Bean
  Connectors connectors(
      DatabricksApi databricksApi,
      DatabricksProperties databricks,
      AdfProperties adf,
      GitHubProperties github,
      GitLabProperties gitlab,
      ConnectorTimeouts timeouts) {
    return new PlatformConnectors(
        List.of(
            new DatabricksClient(databricksApi, databricks.maxWorkers()),
            new AdfClient(adf, timeouts, Clock.systemUTC()),
            new GitHubClient(github, timeouts),
            new GitLabClient(gitlab, timeouts)));
  }
}
