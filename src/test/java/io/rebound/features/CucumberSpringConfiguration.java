package io.rebound.features;

import io.cucumber.spring.CucumberContextConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** One Spring context for every scenario: the real service, the shipped policy, H2 in memory. */
@CucumberContextConfiguration
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:features;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=" + CucumberSpringConfiguration.OPERATOR,
      "rebound.security.generated-secrets-file=target/features-generated-secrets.properties",
    })
@AutoConfigureMockMvc
class CucumberSpringConfiguration {
  static final String TOKEN = "features-operator-token";
  static final String OPERATOR = "operator:" + TOKEN;
}
