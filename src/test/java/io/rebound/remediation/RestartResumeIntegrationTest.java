package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rebound.ReboundApplication;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.incident.IncidentRecorder;
import io.rebound.policy.Evaluation;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A service stopped in the middle of a backoff wait: a new one on the same database finds the
 * scheduled retry and finishes the plan, with no attempt done twice.
 */
class RestartResumeIntegrationTest {

  static final WireMockServer PLATFORM = new WireMockServer(options().dynamicPort());

  static {
    PLATFORM.start();
  }

  @AfterAll
  static void stop() {
    PLATFORM.stop();
  }

  static ConfigurableApplicationContext start(
      String databaseUrl, WireMockServer platform, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=" + databaseUrl,
                "--rebound.databricks.host=" + platform.baseUrl(),
                "--rebound.databricks.token=dapi-test-token",
                "--rebound.security.generated-secrets-file=target/remediation-it-secrets.properties",
                "--rebound.remediation.scheduler.polling-interval=50ms",
                "--rebound.remediation.scheduler.shutdown-max-wait=2s",
                "--rebound.remediation.health-poll-interval=100ms"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(ReboundApplication.class, RemediationTestBeans.class)
        .run(args.toArray(String[]::new));
  }

  static String status(ConfigurableApplicationContext context, UUID incidentId) {
    return perIncident(context, "select status from incident where id = :id", incidentId).get(0);
  }

  /** The rows one column of a query about one incident (":id") answers, in its order. */
  static List<String> perIncident(
      ConfigurableApplicationContext context, String sql, UUID incidentId) {
    return context
        .getBean(JdbcClient.class)
        .sql(sql)
        .param("id", incidentId)
        .query(String.class)
        .list();
  }

  @Test
  void aRestartedServiceResumesThePlanAfterTheBackoff() throws Exception {
    String database =
        "jdbc:h2:mem:restart-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    String cluster = "0923-164208-restart1";
    PLATFORM.resetAll();
    RemediationIntegrationTestBase.stubTerminatedCluster(
        PLATFORM,
        cluster,
        1,
        RemediationIntegrationTestBase.databricksError(500, "INTERNAL_ERROR"),
        "RUNNING");
    FailureFact fact = Incidents.clusterFailure(cluster, Environment.PRODUCTION);
    Evaluation evaluation =
        Incidents.evaluation(
            fact, Incidents.playbook("restart_cluster", 2, List.of(0, 3), 10, List.of()), false);

    ConfigurableApplicationContext first = start(database, PLATFORM);
    PlanStore firstStore = first.getBean(PlanStore.class);
    UUID incidentId = first.getBean(IncidentRecorder.class).record(evaluation, null).incidentId();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                attempts(firstStore, incidentId).size() == 1
                    && attempts(firstStore, incidentId).get(0).status() == AttemptStatus.FAILED);
    first.close();

    ConfigurableApplicationContext second = start(database, PLATFORM);
    try {
      PlanStore store = second.getBean(PlanStore.class);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "RESOLVED".equals(status(second, incidentId)));
      List<Rows.Attempt> attempts = attempts(store, incidentId);
      assertThat(attempts)
          .extracting(a -> a.status().name())
          .containsExactly("FAILED", "SUCCEEDED");
      assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(2950));
      RemediationIntegrationTestBase.startsOf(PLATFORM, cluster, 2);
    } finally {
      second.close();
    }
  }

  private static List<Rows.Attempt> attempts(PlanStore store, UUID incidentId) {
    return store.planForIncident(incidentId).map(p -> store.attempts(p.id())).orElse(List.of());
  }
}
