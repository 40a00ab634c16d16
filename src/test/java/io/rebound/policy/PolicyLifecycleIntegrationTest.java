package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ops loop of issue 8 over real HTTP on a running service (H2): download the playbooks workbook
 * in force, change a backoff cell, upload it, read lint, promote, see new decisions carry the new
 * version without a restart, roll back in one call. A broken workbook is refused with its cell and
 * the old version keeps serving.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:policy-lifecycle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=viewer:viewer-token,operator:operator-token,admin:admin-token",
      "rebound.security.generated-secrets-file=target/policy-lifecycle-secrets.properties",
      "rebound.databricks.watch.cluster-ids=",
      "rebound.policy.poll-interval=100ms",
      "rebound.webhooks.azure-monitor.secret=" + PolicyLifecycleIntegrationTest.WEBHOOK_SECRET
    })
@TestMethodOrder(MethodOrderer.MethodName.class)
class PolicyLifecycleIntegrationTest {

  static final FailureFact DRIVER_UNREACHABLE =
      Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);

  static final FailureFact OUT_OF_MEMORY =
      Facts.databricksMessage(
          "java.lang.OutOfMemoryError: Java heap space", Environment.PRODUCTION);

  static final String WEBHOOK_SECRET = "lifecycle-azure-monitor-secret";

  @LocalServerPort int port;
  @Autowired io.rebound.incident.IncidentRecorder recorder;
  @Autowired DecisionService decisions;
  @Autowired PolicyVersions versions;
  @Autowired PolicyVersionStore store;
  @Autowired JdbcClient jdbc;

  PolicyApi admin;
  PolicyApi viewer;

  @BeforeEach
  void clients() {
    admin = new PolicyApi(port, "admin-token");
    viewer = new PolicyApi(port, "viewer-token");
    // each test starts from the shipped policy in force, whatever the previous one promoted
    while (versions.inForceNumber() != 1) {
      assertThat(admin.post("/api/policy/rollback").status()).isEqualTo(200);
    }
  }

  @Test
  void a_theShippedPolicyIsVersionOneAndItsWorkbooksDownloadByteForByte() throws Exception {
    PolicyApi.Answer list = viewer.get("/api/policy/versions");
    assertThat(list.status()).isEqualTo(200);
    JsonNode first = list.body().get(list.body().size() - 1);
    assertThat(first.get("version").asInt()).isEqualTo(1);
    assertThat(first.get("state").asString()).isIn("active", "retired");
    assertThat(first.get("author").asString()).isEqualTo("rebound");
    assertThat(first.get("contentHash").asString()).startsWith("sha256:");

    PolicyApi.Answer one = viewer.get("/api/policy/versions/1");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body().get("files").toString())
        .contains("playbooks.xlsx", "severity.xlsx", "approval-gates.xlsx");

    byte[] downloaded = viewer.download("/api/policy/versions/1/files/playbooks.xlsx");
    assertThat(downloaded)
        .isEqualTo(Files.readAllBytes(ShippedPolicy.DIR.resolve("decision-tables/playbooks.xlsx")));

    assertThat(viewer.get("/api/policy/versions/99").status()).isEqualTo(404);
    PolicyApi.Answer missing = viewer.get("/api/policy/versions/1/files/nothing.xlsx");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().get("detail").asString()).contains("nothing.xlsx");
  }

  @Test
  void b_editBackoffUploadPromoteAndRollBackWithoutARestart(@TempDir Path dir) throws Exception {
    String before = decisions.evaluate(DRIVER_UNREACHABLE).policyVersion();
    Path edited = downloadPlaybooksInto(dir);
    String cell = PlaybookEdits.set(dir, "DatabricksDriverNotResponding", "Backoff (s)", "95");

    PolicyApi.Answer uploaded =
        admin.upload(Map.of("playbooks.xlsx", Files.readAllBytes(edited)), "slower restart");
    assertThat(uploaded.status()).isEqualTo(201);
    int candidate = uploaded.body().get("version").asInt();
    assertThat(uploaded.body().get("state").asString()).isEqualTo("candidate");
    // what other nodes compile ahead of a promotion (newest candidates first, on H2 too)
    assertThat(store.newestCandidates(2)).first().isEqualTo(candidate);
    // the API identity: role plus a fingerprint of the token, never the token
    assertThat(uploaded.body().get("author").asString()).startsWith("admin-");
    assertThat(uploaded.body().get("basedOn").asInt()).isEqualTo(1);
    assertThat(uploaded.body().get("lint").get("errors").size()).isZero();
    PolicyApi.Answer lint = viewer.get("/api/policy/candidates/" + candidate + "/lint");
    assertThat(lint.status()).isEqualTo(200);
    assertThat(lint.body().get("errors").size()).isZero();
    assertThat(lint.body().get("warnings").isArray()).isTrue();
    // a candidate decides nothing until promoted
    assertThat(decisions.evaluate(DRIVER_UNREACHABLE).policyVersion()).isEqualTo(before);

    // replay over the recorded incidents names the one whose decision changes, side by side
    UUID restartIncident =
        recorder.record(decisions.evaluate(DRIVER_UNREACHABLE), null).incidentId();
    recorder.record(decisions.evaluate(OUT_OF_MEMORY), null);
    PolicyApi.Answer replay =
        admin.post(
            "/api/policy/candidates/"
                + candidate
                + "/replay?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    assertThat(replay.status()).isEqualTo(200);
    JsonNode r = replay.body();
    assertThat(r.get("facts").asInt()).isEqualTo(2);
    assertThat(r.get("unreadable").asInt()).isZero();
    assertThat(r.get("changed").asInt()).isEqualTo(1);
    assertThat(r.get("changedByField").toString()).isEqualTo("{\"backoff\":1}");
    assertThat(r.get("changedByErrorType").toString())
        .isEqualTo("{\"DatabricksDriverNotResponding\":1}");
    JsonNode change = r.get("incidents").get(0);
    assertThat(change.get("incidentId").asString()).isEqualTo(restartIncident.toString());
    assertThat(change.get("active").get("backoff").toString()).isEqualTo("[60]");
    assertThat(change.get("candidate").get("backoff").toString()).isEqualTo("[95]");
    assertThat(change.get("candidate").get("action").asString()).isEqualTo("restart_cluster");
    // coverage: the rows the recorded history reaches, and the ones it never does
    PolicyApi.Answer coverage =
        viewer.get(
            "/api/policy/versions/1/coverage?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    assertThat(coverage.status()).isEqualTo(200);
    assertThat(coverage.body().get("facts").asInt()).isEqualTo(2);
    JsonNode playbookRows = null;
    for (JsonNode t : coverage.body().get("tables")) {
      if (t.get("table").asString().equals("Playbooks")) {
        playbookRows = t;
      }
    }
    var shipped = PolicyCopies.table(ShippedPolicy.DIR, "playbooks.xlsx", "Playbooks");
    int driverRow = PolicyCopies.rowWith(shipped, "Error type", "DatabricksDriverNotResponding");
    int gatewayRow = PolicyCopies.rowWith(shipped, "Error type", "GatewayTimeout");
    assertThat(playbookRows.get("workbook").asString()).isEqualTo("playbooks.xlsx");
    assertThat(playbookRows.get("rows").asInt()).isEqualTo(shipped.rows().size());
    assertThat(playbookRows.get("reached").asInt()).isBetween(1, 2);
    assertThat(playbookRows.get("unreached").toString())
        .doesNotContain(String.valueOf(driverRow))
        .contains(String.valueOf(gatewayRow));
    // feature coverage: only from a report a build shipped for exactly this version's files (an
    // earlier `mvn verify` may have left one on the class path); otherwise a note says why not
    JsonNode features = coverage.body().get("features");
    if (features.get("available").asBoolean()) {
      assertThat(features.get("report").get("policyVersion").asString())
          .isEqualTo(viewer.get("/api/policy/versions/1").body().get("contentHash").asString());
      assertThat(features.get("report").get("tables").size()).isPositive();
    } else {
      assertThat(features.get("note").asString()).isNotBlank();
      assertThat(features.get("report").isNull()).isTrue();
    }
    // a version the build's features never ran against has no feature coverage, whatever the jar
    JsonNode candidateFeatures =
        viewer.get("/api/policy/versions/" + candidate + "/coverage").body().get("features");
    assertThat(candidateFeatures.get("available").asBoolean()).isFalse();
    assertThat(candidateFeatures.get("note").asString()).isNotBlank();

    assertThat(admin.post("/api/policy/candidates/" + candidate + "/replay?from=yesterday"))
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(400);
              assertThat(a.body().get("detail").asString()).contains("'from' must be a time");
            });

    PolicyApi.Answer promoted = admin.post("/api/policy/candidates/" + candidate + "/promote");
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(promoted.body().get("state").asString()).isEqualTo("active");
    assertThat(promoted.body().get("previousActive").asInt()).isEqualTo(1);
    // the replay summary stays with the version it was made for
    assertThat(
            admin
                .get("/api/policy/versions/" + candidate)
                .body()
                .get("replay")
                .get("changed")
                .asInt())
        .isEqualTo(1);
    Evaluation after = decisions.evaluate(DRIVER_UNREACHABLE);
    assertThat(after.policyVersion())
        .isEqualTo(promoted.body().get("contentHash").asString())
        .isNotEqualTo(before);
    assertThat(after.decision().playbook().backoffSeconds()).containsExactly(95);

    PolicyApi.Answer rolledBack = admin.post("/api/policy/rollback");
    assertThat(rolledBack.status()).isEqualTo(200);
    assertThat(rolledBack.body().get("version").asInt()).isEqualTo(1);
    Evaluation restored = decisions.evaluate(DRIVER_UNREACHABLE);
    assertThat(restored.policyVersion()).isEqualTo(before);
    assertThat(restored.decision().playbook().backoffSeconds()).containsExactly(60);

    PolicyApi.Answer again = admin.post("/api/policy/candidates/" + candidate + "/promote");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("error").asString()).isEqualTo("not_a_candidate");

    // every step is an audit event naming who took it: the admin's identity for the changes, the
    // viewer's for the lint they asked for
    String adminActor = uploaded.body().get("author").asString();
    List<String> trail =
        jdbc.sql(
                "SELECT action, actor FROM policy_audit_event WHERE resource = ? OR (resource ="
                    + " 'policy/v1' AND action = 'policy.rolled_back') ORDER BY seq")
            .param("policy/v" + candidate)
            .query((rs, i) -> rs.getString(1) + " by " + rs.getString(2))
            .list();
    assertThat(trail)
        .containsSubsequence(
            "policy.candidate_uploaded by " + adminActor,
            "policy.linted by " + adminActor,
            "policy.replayed by " + adminActor,
            "policy.promoted by " + adminActor,
            "policy.rolled_back by " + adminActor,
            "policy.promotion_refused by " + adminActor)
        .anySatisfy(e -> assertThat(e).matches("policy\\.linted by viewer-.+"));
    PolicyApi.Answer audit = viewer.get("/api/policy/audit");
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body().get(0).get("action").asString()).isEqualTo("policy.promotion_refused");
    assertThat(audit.body().get(0).get("actor").asString()).isEqualTo(adminActor);
    assertThat(audit.body().get(0).get("resource").asString()).isEqualTo("policy/v" + candidate);
    assertThat(audit.body().toString()).contains("policy.rolled_back", "\"actor\":\"admin-");
  }

  @Test
  void c_aBrokenWorkbookIsRefusedWithItsCellAndTheOldVersionKeepsServing(@TempDir Path dir)
      throws Exception {
    String before = decisions.policyVersion();
    int newest = versions.list().get(0).number();
    Path edited = downloadPlaybooksInto(dir);
    String cell = PlaybookEdits.set(dir, "GatewayTimeout", "Max retries", "three");

    PolicyApi.Answer refused =
        admin.upload(Map.of("playbooks.xlsx", Files.readAllBytes(edited)), "typo");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("error").asString()).isEqualTo("invalid_policy");
    assertThat(refused.body().get("problems").get(0).asString())
        .isEqualTo(
            "playbooks.xlsx, sheet Playbooks, cell "
                + cell
                + ": 'three' is not a number of"
                + " retries (write a whole number such as 3)");
    assertThat(refused.body().toString()).doesNotContain("Exception", "at io.rebound");
    assertThat(versions.list().get(0).number()).isEqualTo(newest);
    assertThat(decisions.policyVersion()).isEqualTo(before);
    // refused uploads are audited too, with who sent them and what was wrong
    PolicyApi.Answer audit = viewer.get("/api/policy/audit?limit=1");
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body().get(0).get("action").asString()).isEqualTo("policy.candidate_refused");
    assertThat(audit.body().get(0).get("actor").asString()).startsWith("admin-");
    assertThat(audit.body().get(0).get("details").get("problems").get(0).asString())
        .contains("cell " + cell);
  }

  @Test
  void d_uploadsNameTheProblemAndOnlyAdminsChangeThePolicy() {
    PolicyApi.Answer notPolicy = admin.upload(Map.of("notes.txt", new byte[] {1}), "x");
    assertThat(notPolicy.status()).isEqualTo(400);
    assertThat(notPolicy.body().get("detail").asString()).contains("'notes.txt' is not a policy");

    PolicyApi.Answer emptyZip =
        admin.upload(Map.of("policy.zip", PolicyApi.zip(Map.of("README.md", new byte[] {1}))), "");
    assertThat(emptyZip.status()).isEqualTo(400);
    assertThat(emptyZip.body().get("detail").asString()).contains("policy.zip holds no");

    PolicyApi.Answer forbidden = viewer.upload(Map.of("x.drl", new byte[] {1}), "x");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(viewer.post("/api/policy/rollback").status()).isEqualTo(403);
  }

  @Test
  void e_aZipOfThePolicyFolderBecomesACandidate(@TempDir Path dir) throws Exception {
    Path edited = downloadPlaybooksInto(dir);
    String cell = PlaybookEdits.set(dir, "GatewayTimeout", "Max retries", 2);
    String backoff = PlaybookEdits.set(dir, "GatewayTimeout", "Backoff (s)", "10, 30");
    byte[] zip =
        PolicyApi.zip(
            Map.of(
                "policy/decision-tables/playbooks.xlsx", Files.readAllBytes(edited),
                "policy/README.md", "not policy".getBytes()));
    PolicyApi.Answer uploaded = admin.upload(Map.of("policy.zip", zip), "fewer retries");
    assertThat(uploaded.status()).isEqualTo(201);
    int number = uploaded.body().get("version").asInt();
    assertThat(uploaded.body().get("files").toString()).isEqualTo("[\"playbooks.xlsx\"]");
    // files not sent come from the active version, byte for byte
    assertThat(admin.download("/api/policy/versions/" + number + "/files/severity.xlsx"))
        .isEqualTo(admin.download("/api/policy/versions/1/files/severity.xlsx"));
    assertThat(admin.download("/api/policy/versions/" + number + "/files/playbooks.xlsx"))
        .isEqualTo(Files.readAllBytes(edited));
  }

  /**
   * Swaps under concurrent what-if load: no request fails, and every decision is wholly one
   * version's (the backoff matches the version it carries).
   */
  @Test
  void f_swapsUnderConcurrentWhatIfLoadNeverFailOrMixVersions(@TempDir Path dir) throws Exception {
    Path edited = downloadPlaybooksInto(dir);
    String cell = PlaybookEdits.set(dir, "DatabricksDriverNotResponding", "Backoff (s)", "77");
    byte[] changed = Files.readAllBytes(edited);
    String v1 = decisions.policyVersion();

    AtomicBoolean running = new AtomicBoolean(true);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService load = Executors.newFixedThreadPool(4);
    List<Future<Integer>> workers = new ArrayList<>();
    PolicyApi operator = new PolicyApi(port, "operator-token");
    String body = "{\"fact\":" + PolicyApi.JSON.writeValueAsString(DRIVER_UNREACHABLE) + "}";
    for (int w = 0; w < 4; w++) {
      boolean overHttp = w == 0;
      workers.add(
          load.submit(
              () -> {
                int n = 0;
                while (running.get()) {
                  String version;
                  int backoff;
                  if (overHttp) {
                    PolicyApi.Answer a = operator.postJson("/api/decisions/evaluate", body);
                    assertThat(a.status()).isEqualTo(200);
                    version = a.body().get("policyVersion").asString();
                    backoff =
                        a.body()
                            .get("decision")
                            .get("playbook")
                            .get("backoffSeconds")
                            .get(0)
                            .asInt();
                  } else {
                    Evaluation e = decisions.evaluate(DRIVER_UNREACHABLE);
                    version = e.policyVersion();
                    backoff = e.decision().playbook().backoffSeconds().get(0);
                  }
                  assertThat(backoff).isEqualTo(version.equals(v1) ? 60 : 77);
                  seen.add(version);
                  n++;
                }
                return n;
              }));
    }
    int candidate =
        admin.upload(Map.of("playbooks.xlsx", changed), "load").body().get("version").asInt();
    for (int i = 0; i < 3; i++) {
      assertThat(admin.post("/api/policy/candidates/" + candidate + "/promote").status()).isIn(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
      assertThat(admin.post("/api/policy/rollback").status()).isEqualTo(200);
      // promote again needs a fresh candidate: the rolled back one is retired
      candidate =
          admin
              .upload(Map.of("playbooks.xlsx", changed), "load " + i)
              .body()
              .get("version")
              .asInt();
      seen.clear();
    }
    running.set(false);
    int decided = 0;
    for (Future<Integer> f : workers) {
      decided += f.get(); // rethrows any failed request or mixed decision
    }
    load.shutdown();
    assertThat(decided).isGreaterThan(100);
  }

  /**
   * The Field names sheet belongs to the policy version: promoting a classification workbook that
   * names a new column changes how the next delivery is read, without a restart, and a rollback
   * changes it back. The delivery is also decided by the promoted version.
   */
  @Test
  void g_aPromotedFieldNamesSheetReadsTheNextDeliveryWithoutARestart(@TempDir Path dir)
      throws Exception {
    ObjectNode body = FieldNameEdits.alertWithNewColumnName();
    String question =
        "{\"source\":\"azure-monitor\",\"payload\":"
            + PolicyApi.JSON.writeValueAsString(body)
            + "}";
    PolicyApi operator = new PolicyApi(port, "operator-token");
    assertThat(terminationCodeAsked(operator, question)).isEmpty();

    Path workbook =
        Files.createDirectories(dir.resolve("decision-tables")).resolve("classification.xlsx");
    Files.write(workbook, admin.download("/api/policy/versions/1/files/classification.xlsx"));
    int row = FieldNameEdits.addNewName(dir);
    PolicyApi.Answer uploaded =
        admin.upload(Map.of("classification.xlsx", Files.readAllBytes(workbook)), "StopCode");
    assertThat(uploaded.status()).isEqualTo(201);
    assertThat(uploaded.body().get("lint").get("errors").size()).isZero();
    int candidate = uploaded.body().get("version").asInt();
    PolicyApi.Answer promoted = admin.post("/api/policy/candidates/" + candidate + "/promote");
    assertThat(promoted.status()).isEqualTo(200);
    String promotedHash = promoted.body().get("contentHash").asString();

    assertThat(terminationCodeAsked(operator, question)).isEqualTo(FieldNameEdits.CODE);
    PolicyApi.Answer delivered =
        admin.postWebhook(
            "/webhooks/azure-monitor", PolicyApi.JSON.writeValueAsString(body), WEBHOOK_SECRET);
    assertThat(delivered.status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("SELECT policy_version, fact FROM incident")
                            .query((rs, i) -> rs.getString(1) + " " + rs.getString(2))
                            .list())
                    .anySatisfy(
                        incident ->
                            assertThat(incident)
                                .startsWith(promotedHash + " ")
                                .contains(
                                    "\"terminationCode\":\"AZURE_QUOTA_EXCEEDED_EXCEPTION\"")));

    assertThat(admin.post("/api/policy/rollback").status()).isEqualTo(200);
    assertThat(terminationCodeAsked(operator, question)).isEmpty();

    // a sheet that names a field Rebound does not read is refused before it can be promoted
    PolicyCopies.setCell(dir, "classification.xlsx", "Field names", "B" + row, "stop reason");
    PolicyApi.Answer broken =
        admin.upload(Map.of("classification.xlsx", Files.readAllBytes(workbook)), "typo");
    assertThat(broken.status()).isEqualTo(201);
    assertThat(broken.body().get("lint").get("errors").toString())
        .contains(
            "classification.xlsx, sheet Field names, cell B"
                + row
                + ": 'stop reason' is not a field Rebound reads");
    PolicyApi.Answer refused =
        admin.post("/api/policy/candidates/" + broken.body().get("version").asInt() + "/promote");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(terminationCodeAsked(operator, question)).isEmpty();
  }

  /** Ops' CI runs the command on a folder; the service lints the same files the same way. */
  @Test
  void h_theLintTheApiShowsIsWhatTheCommandPrints(@TempDir Path dir) throws Exception {
    PolicyCopies.copyShipped(dir);
    String sheet = "Run terminations";
    PolicyCopies.setCell(dir, "classification.xlsx", sheet, "A12", "LIBRARY_INSTALLATION_ERROR");
    PolicyCopies.setCell(dir, "classification.xlsx", sheet, "B12", "FAILED");
    PolicyApi.Answer uploaded =
        admin.upload(
            Map.of(
                "classification.xlsx",
                Files.readAllBytes(dir.resolve("decision-tables/classification.xlsx"))),
            "a row that can never decide");
    assertThat(uploaded.status()).isEqualTo(201);
    List<String> warnings = new ArrayList<>();
    uploaded.body().get("lint").get("warnings").forEach(w -> warnings.add(w.asString()));
    assertThat(warnings)
        .anyMatch(
            w ->
                w.startsWith(
                    "classification.xlsx, sheet Run terminations,"
                        + " cell A12: row 12 can never decide: row 11 above it (cell A11)"));

    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    int code =
        PolicyLintCommand.run(
            new String[] {dir.toString()},
            new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(text.lines().filter(l -> l.startsWith("WARNING ")).toList())
        .containsExactlyElementsOf(warnings.stream().map(w -> "WARNING " + w).toList());
  }

  private static String terminationCodeAsked(PolicyApi operator, String question) {
    PolicyApi.Answer a = operator.postJson("/api/decisions/evaluate", question);
    assertThat(a.status()).as("what-if answer %s", a.body()).isEqualTo(200);
    JsonNode code = a.body().path("fact").path("codes").path("terminationCode");
    return code.isNull() || code.isMissingNode() ? "" : code.asString();
  }

  private Path downloadPlaybooksInto(Path dir) throws Exception {
    Path file = Files.createDirectories(dir.resolve("decision-tables")).resolve("playbooks.xlsx");
    Files.write(file, admin.download("/api/policy/versions/1/files/playbooks.xlsx"));
    return file;
  }
}
