package io.rebound;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** One application context on H2 for the dashboard's API tests, with a token for each role. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rebound.security.api-tokens=viewer:dash-viewer,operator:dash-operator,"
          + "approver:dash-approver,admin:dash-admin",
      "rebound.webhooks.generic.secret=dash-generic",
      "rebound.security.generated-secrets-file=target/dashboard-it/secrets.properties",
      "spring.datasource.url=jdbc:h2:mem:dashboard-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
    })
public @interface DashboardTestContext {}
