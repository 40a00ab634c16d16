package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.extract.FactExtractor;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two nodes on one real PostgreSQL, started at the same moment: exactly one version 1 is stored,
 * and a promotion or rollback made on one node is in force on the other within 5 s (the default
 * poll interval of 1 s plus a compile).
 */
class PolicyVersionsTwoNodesOnPostgresIntegrationTest {

  static final FailureFact DRIVER_UNREACHABLE =
      Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);

  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void bothNodesServeTheActiveVersionAndFollowPromotionAndRollbackWithinFiveSeconds(
      @TempDir Path dir) throws Exception {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    CompletableFuture<ConfigurableApplicationContext> startA =
        CompletableFuture.supplyAsync(() -> node(url, "a"));
    CompletableFuture<ConfigurableApplicationContext> startB =
        CompletableFuture.supplyAsync(() -> node(url, "b"));
    try (ConfigurableApplicationContext a = startA.get();
        ConfigurableApplicationContext b = startB.get()) {
      JdbcClient jdbc = a.getBean(JdbcClient.class);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM policy_version").query(Integer.class).single())
          .isOne();
      DecisionService onA = a.getBean(DecisionService.class);
      DecisionService onB = b.getBean(DecisionService.class);
      String v1 = onA.evaluate(DRIVER_UNREACHABLE).policyVersion();
      assertThat(onB.evaluate(DRIVER_UNREACHABLE).policyVersion()).isEqualTo(v1);

      PolicyCopies.copyShipped(dir);
      String cell = PlaybookEdits.set(dir, "DatabricksDriverNotResponding", "Backoff (s)", "120");
      // the same version also names a new alert column: node B reads alerts with it as well
      FieldNameEdits.addNewName(dir);
      ObjectNode alert = FieldNameEdits.alertWithNewColumnName();
      FactExtractor readsOnA = a.getBean(FactExtractor.class);
      FactExtractor readsOnB = b.getBean(FactExtractor.class);
      assertThat(readsOnB.extract("azure-monitor", alert).codes().terminationCode()).isNull();
      PolicyVersions versionsOnA = a.getBean(PolicyVersions.class);
      int candidate =
          versionsOnA
              .upload(
                  Map.of(
                      "decision-tables/playbooks.xlsx",
                      Files.readAllBytes(dir.resolve("decision-tables/playbooks.xlsx")),
                      "decision-tables/classification.xlsx",
                      Files.readAllBytes(dir.resolve("decision-tables/classification.xlsx"))),
                  "slower restarts",
                  "admin-test")
              .version()
              .number();
      // node B compiles the candidate another node stored before anyone promotes it, so that
      // following the promotion is a swap
      PolicyVersions versionsOnB = b.getBean(PolicyVersions.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> versionsOnB.holdsCompiled(candidate));

      long promotedAt = System.nanoTime();
      String v2 = versionsOnA.promote(candidate, "admin-test").contentHash();
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> onB.evaluate(DRIVER_UNREACHABLE).policyVersion().equals(v2));
      long followMillis = (System.nanoTime() - promotedAt) / 1_000_000;
      System.out.println("node B followed the promotion in " + followMillis + " ms");
      assertThat(onB.evaluate(DRIVER_UNREACHABLE).decision().playbook().backoffSeconds())
          .containsExactly(120);
      assertThat(onA.evaluate(DRIVER_UNREACHABLE).policyVersion()).isEqualTo(v2);
      assertThat(readsOnB.extract("azure-monitor", alert).codes().terminationCode())
          .isEqualTo(FieldNameEdits.CODE);

      b.getBean(PolicyVersions.class).rollback("admin-test");
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> onA.evaluate(DRIVER_UNREACHABLE).policyVersion().equals(v1));
      assertThat(onB.evaluate(DRIVER_UNREACHABLE).policyVersion()).isEqualTo(v1);
      assertThat(readsOnA.extract("azure-monitor", alert).codes().terminationCode()).isNull();
    }
  }

  private static ConfigurableApplicationContext node(String url, String name) {
    return new SpringApplicationBuilder(io.rebound.ReboundApplication.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--rebound.databricks.watch.cluster-ids=",
            "--rebound.security.generated-secrets-file=target/policy-two-nodes-"
                + name
                + ".properties");
  }
}
