package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database whose version 1 was stored before guards.xlsx existed: Rebound starts on that version
 * as it is (no guard applies; nothing changes the policy in force behind ops' back), an upload of
 * guards.xlsx alone takes every other file from the active version and, once promoted, the guards
 * apply; a later upload that leaves guards.xlsx out keeps it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GuardsAcrossPolicyVersionsIntegrationTest {

  private static final FailureFact CLUSTER =
      Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
  private static final ResourceState FOURTH_FAILURE =
      new ResourceState(3, 3, 0, Map.of(), ResourceState.PlaybookHistory.NONE, StateOverrides.NONE);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Path beforeGuards = policyWithoutGuards();
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:guards-versions;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("rebound.policy.dir", beforeGuards::toString);
    registry.add("rebound.policy.poll-interval", () -> "100ms");
    registry.add("rebound.security.api-tokens", () -> "viewer:viewer-token,admin:admin-token");
    registry.add(
        "rebound.security.generated-secrets-file",
        () -> "target/guards-versions-secrets.properties");
    registry.add("rebound.databricks.watch.cluster-ids", () -> "");
  }

  private static Path policyWithoutGuards() {
    try {
      Path dir = Files.createTempDirectory("policy-before-guards");
      PolicyCopies.copyShipped(dir);
      Files.delete(dir.resolve("decision-tables/guards.xlsx"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort int port;
  @Autowired DecisionService decisions;

  @Test
  void guardsArriveByUploadAndStayWhenALaterUploadLeavesThemOut() throws Exception {
    PolicyApi admin = new PolicyApi(port, "admin-token");
    assertThat(admin.get("/api/policy/versions/1").body().get("files").toString())
        .doesNotContain("guards.xlsx");
    assertThat(decisions.evaluate(CLUSTER, FOURTH_FAILURE).decision().remediable())
        .as("version 1 has no guards: the fourth failure is still retried")
        .isTrue();

    byte[] guards = Files.readAllBytes(ShippedPolicy.DIR.resolve("decision-tables/guards.xlsx"));
    PolicyApi.Answer withGuards = admin.upload(Map.of("guards.xlsx", guards), "add the guards");
    assertThat(withGuards.status()).isEqualTo(201);
    assertThat(withGuards.body().get("lint").get("errors").size()).isZero();
    int candidate = withGuards.body().get("version").asInt();
    assertThat(admin.get("/api/policy/versions/" + candidate).body().get("files").toString())
        .contains("guards.xlsx", "playbooks.xlsx", "classification.xlsx");
    assertThat(admin.post("/api/policy/candidates/" + candidate + "/promote").status())
        .isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(decisions.evaluate(CLUSTER, FOURTH_FAILURE).decision().reasons())
                    .anyMatch(r -> r.endsWith("(guards.xlsx, Guards, row 12)")));

    byte[] playbooks =
        admin.download("/api/policy/versions/" + candidate + "/files/playbooks.xlsx");
    PolicyApi.Answer later = admin.upload(Map.of("playbooks.xlsx", playbooks), "same playbooks");
    assertThat(later.status()).isEqualTo(201);
    int next = later.body().get("version").asInt();
    assertThat(admin.get("/api/policy/versions/" + next).body().get("files").toString())
        .as("taken from the active version")
        .contains("guards.xlsx");
  }
}
