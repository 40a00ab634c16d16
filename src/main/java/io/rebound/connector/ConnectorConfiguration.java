package io.rebound.connector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connector beans. Only the contracts are visible outside this package. */
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
}
