package io.rebound.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rebound.connector.DatabricksReads;
import io.rebound.incident.IncidentLifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole ingest path over real HTTP against a running server: webhooks in, inbox, processing,
 * incidents, audit, API and its security. Run once on H2 and once on PostgreSQL by the two
 * subclasses. Databricks is WireMock serving the real API bodies.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rebound.security.api-tokens="
          + "viewer:viewer-token,operator:operator-token,approver:approver-token,admin:admin-token",
      "rebound.security.generated-secrets-file=target/test-generated-secrets.properties",
      "rebound.webhooks.azure-monitor.secret=azure-monitor-secret",
      "rebound.webhooks.databricks.secret=databricks-secret",
      "rebound.webhooks.synapse.secret=synapse-secret",
      "rebound.webhooks.azure-functions.secret=functions-secret",
      "rebound.webhooks.github.secret=It's a Secret to Everybody",
      "rebound.webhooks.gitlab.secret=my-shared-webhook-token",
      "rebound.webhooks.jenkins.secret=jenkins-secret",
      "rebound.webhooks.azure-devops.secret=devops-secret",
      "rebound.webhooks.circleci.secret=circleci-secret",
      "rebound.webhooks.generic.secret=generic-secret",
      "rebound.ingest.max-body-size=64KB",
      "rebound.ingest.sweep-interval=1s",
      "rebound.ingest.retry-backoff=1s",
      "rebound.databricks.watch.cluster-ids=",
      // the recorded cluster events are from 2021
      "rebound.databricks.watch.lookback=3650d",
      "rebound.databricks.token=dapi-test-token",
      "rebound.connector.read-timeout=5s",
      // when remediation is present: remediable incidents wait for approval instead of running
      "rebound.remediation.mode=approve-all"
    })
@Import(DecidedEvents.class)
abstract class IngestFlowContract {

  static final WireMockServer DATABRICKS = new WireMockServer(options().dynamicPort());

  static {
    DATABRICKS.start();
  }

  @DynamicPropertySource
  static void databricks(DynamicPropertyRegistry registry) {
    registry.add("rebound.databricks.host", DATABRICKS::baseUrl);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DeliveryProcessor processor;
  @Autowired DecisionWriter writer;
  @Autowired DecidedEvents decided;
  @Autowired IncidentLifecycle lifecycle;
  @Autowired ClusterWatcher clusterWatcher;
  @Autowired DatabricksReads databricksReads;
  @Autowired Inbox inbox;
  @Autowired io.rebound.incident.IncidentRecorder recorder;
  @Autowired io.rebound.policy.DecisionService decisions;
  @Autowired io.rebound.extract.FactExtractor extractor;

  TestHttp http;

  @BeforeEach
  void cleanSlate() throws InterruptedException {
    http = new TestHttp(port);
    awaitIdle();
    jdbc.sql("DELETE FROM audit_event").update();
    jdbc.sql("DELETE FROM incident").update();
    jdbc.sql("DELETE FROM delivery").update();
    jdbc.sql("DELETE FROM cluster_watch_cursor").update();
    decided.received.clear();
    DATABRICKS.resetAll();
    DATABRICKS.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .withQueryParam("run_id", equalTo("41847992357943"))
            .willReturn(
                okJson(text("databricks/databricks_runs_get_failed_run_execution_error.json"))));
    DATABRICKS.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get-output"))
            .withQueryParam("run_id", equalTo("41847992357945"))
            .willReturn(okJson(text("databricks/databricks_runs_get_output_error_verbatim.json"))));
  }

  // ---- every real body ----------------------------------------------------------------------

  static Stream<Arguments> webhookBodies() {
    return Stream.of(
        Arguments.of(
            "azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json",
            "/webhooks/azure-monitor",
            true),
        Arguments.of(
            "azure-monitor/adf_log_alert_v2_databricks_3203_cluster_terminated.json",
            "/webhooks/azure-monitor",
            true),
        Arguments.of(
            "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json",
            "/webhooks/azure-monitor",
            true),
        Arguments.of(
            "azure-monitor/adf_metric_alert_pipeline_failed_runs.json",
            "/webhooks/azure-monitor",
            true),
        Arguments.of(
            "azure-monitor/adf_metric_alert_pipeline_failed_runs_resolved.json",
            "/webhooks/azure-monitor",
            false),
        Arguments.of(
            "azure-monitor/azmon_common_schema_metric_sample_verbatim.json",
            "/webhooks/azure-monitor",
            false),
        Arguments.of(
            "azure-monitor/azmon_log_alert_v2_sample_verbatim.json",
            "/webhooks/azure-monitor",
            true),
        Arguments.of("cicd/github_workflow_run_failure.json", "/webhooks/github", true),
        Arguments.of(
            "cicd/github_workflow_run_completed_success_verbatim.json", "/webhooks/github", false),
        Arguments.of("cicd/gitlab_pipeline_failed.json", "/webhooks/gitlab", true),
        Arguments.of("cicd/gitlab_pipeline_hook_example_verbatim.json", "/webhooks/gitlab", false),
        Arguments.of("databricks/databricks_job_failure.json", "/webhooks/databricks", true),
        Arguments.of("databricks/databricks_task_failure.json", "/webhooks/databricks", true),
        Arguments.of("databricks/databricks_job_start.json", "/webhooks/databricks", false),
        Arguments.of("databricks/databricks_job_success.json", "/webhooks/databricks", false),
        Arguments.of(
            "databricks/databricks_job_duration_warning.json", "/webhooks/databricks", false),
        Arguments.of(
            "prior-tool/02_adf_common_schema_alertcontext_properties.json", "/azure-monitor", true),
        Arguments.of("prior-tool/05_databricks_flat_job_payload.json", "/databricks-monitor", true),
        Arguments.of(
            "prior-tool/06_databricks_job_failure_event.json", "/databricks-monitor", true),
        Arguments.of(
            "prior-tool/08_databricks_cluster_failed_to_start.json", "/databricks-monitor", true),
        Arguments.of(
            "prior-tool/09_databricks_cluster_terminated_driver_not_responding.json",
            "/databricks-monitor",
            true));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("webhookBodies")
  void everyRealBodyIsAcceptedAndOnlyFailuresOpenOneDecidedIncident(
      String file, String path, boolean failure) throws Exception {
    TestHttp.Response answer = postSigned(path, TestHttp.payload(file));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    assertThat(answer.body().path("deliveryId").asString()).isNotBlank();
    JsonNode delivery = awaitProcessed(answer.body().path("deliveryId").asString());
    assertThat(delivery.path("status").asString()).as(delivery.toString()).isEqualTo("PROCESSED");

    JsonNode incidents = viewer("/api/incidents").body();
    if (failure) {
      assertThat(incidents.path("total").asLong()).isEqualTo(1);
      String id = incidents.path("items").get(0).path("id").asString();
      assertThat(delivery.path("incidentId").asString()).isEqualTo(id);
      JsonNode incident = viewer("/api/incidents/" + id).body();
      // DECIDED, or already moved on by remediation when that module is present
      assertThat(incident.path("status").asString()).isNotEqualTo("OPEN");
      assertThat(incident.path("decision").path("failure").asBoolean()).isTrue();
      assertThat(incident.path("policyVersion").asString()).isNotBlank();
      assertThat(incident.path("fact").path("source").asString()).isNotBlank();
      assertThat(actions(incident.path("audit")))
          .containsSubsequence("incident.opened", "incident.decided");
      // published after commit, possibly after the delivery shows PROCESSED: wait for it
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(decided.received)
                      .extracting(e -> e.incidentId().toString())
                      .containsExactly(id));
    } else {
      assertThat(incidents.path("total").asLong()).isZero();
      assertThat(delivery.path("incidentId").isNull()).isTrue();
      assertThat(decided.received).isEmpty();
    }
  }

  // ---- deduplication ------------------------------------------------------------------------

  @Test
  void fiftyConcurrentCopiesOfOneFailureOpenOneIncidentWithFiftyOccurrences() throws Exception {
    byte[] body = TestHttp.payload("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json");
    ExecutorService senders = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<TestHttp.Response>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(
          senders.submit(
              () -> {
                start.await();
                return postSigned("/webhooks/azure-monitor", body);
              }));
    }
    start.countDown();
    List<String> deliveryIds = new ArrayList<>();
    for (Future<TestHttp.Response> answer : answers) {
      TestHttp.Response response = answer.get();
      assertThat(response.status()).isEqualTo(202);
      deliveryIds.add(response.body().path("deliveryId").asString());
    }
    senders.shutdown();
    for (String id : deliveryIds) {
      assertThat(awaitProcessed(id).path("status").asString()).isEqualTo("PROCESSED");
    }

    JsonNode incidents = viewer("/api/incidents").body();
    assertThat(incidents.path("total").asLong()).isEqualTo(1);
    assertThat(incidents.path("items").get(0).path("occurrences").asInt()).isEqualTo(50);
    assertThat(deliveryIds).hasSize(50).doesNotHaveDuplicates();
    assertThat(decided.received).hasSize(1);
  }

  @Test
  void aDeliveryLeftUnprocessedBeforeARestartIsPickedUpByTheRetrySweep() throws Exception {
    // As a crash leaves it: stored and answered, never handed to a worker, lease long expired.
    UUID id = UUID.randomUUID();
    byte[] body = TestHttp.payload("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json");
    inbox.insert(stored(id, body, Instant.now().minusSeconds(600)));

    JsonNode processed = awaitProcessed(id.toString());

    assertThat(processed.path("status").asString()).isEqualTo("PROCESSED");
    assertThat(processed.path("attempts").asInt()).isEqualTo(1);
    assertThat(processed.path("incidentId").isNull()).isFalse();
  }

  @Test
  void aBacklogLargerThanOneSweepPageIsTakenInOneSweep() throws Exception {
    // As an alert storm leaves it: deliveries stored and answered but never queued.
    byte[] body = TestHttp.payload("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json");
    Instant before = Instant.now().minusSeconds(600);
    int backlog = 1_200; // more than the 500 one page of the sweep holds
    for (int i = 0; i < backlog; i++) {
      inbox.insert(stored(UUID.randomUUID(), body, before));
    }

    processor.sweep();
    // One sweep must have claimed the whole backlog, not one page of it (the scheduled sweep,
    // every second here, would otherwise finish the job and hide a single-page sweep).
    long stillDue =
        jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status = 'RECEIVED' AND next_attempt_at <= ?")
            .param(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
            .query(Long.class)
            .single();
    assertThat(stillDue).isZero();
    awaitAllProcessed();

    assertThat(viewer("/api/deliveries?status=processed&size=1").body().path("total").asLong())
        .isEqualTo(backlog);
    JsonNode incidents = viewer("/api/incidents").body().path("items");
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).path("occurrences").asInt()).isEqualTo(backlog);
  }

  @Test
  void aDeliveryDecidedTwiceInOneBatchCountsOnce() throws Exception {
    // A sweep and a worker can both decide the same delivery; the writer must keep one result.
    byte[] body = TestHttp.payload("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json");
    Instant now = Instant.now();
    UUID twice = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    inbox.insert(stored(twice, body, now));
    inbox.insert(stored(other, body, now));
    io.rebound.policy.Evaluation evaluation =
        decisions.evaluate(extractor.extract("azure-monitor", TestHttp.JSON.readTree(body)));

    var copy = stored(twice, body, now).withoutBody();
    writer.write(
        List.of(
            new DecisionWriter.Decided(copy, evaluation),
            new DecisionWriter.Decided(copy, evaluation),
            new DecisionWriter.Decided(stored(other, body, now).withoutBody(), evaluation)));
    awaitAllProcessed();

    JsonNode incidents = viewer("/api/incidents").body().path("items");
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).path("occurrences").asInt()).isEqualTo(2);
    assertThat(admin("/api/deliveries/" + twice).body().path("status").asString())
        .isEqualTo("PROCESSED");
  }

  @Test
  void repeatsOfOneFailureInOneBatchAreOneIncidentWithExactOccurrenceCounts() throws Exception {
    // An alert storm: the decision writer gets hundreds of deliveries in one batch, a few failures
    // many times over, and sometimes the alert that resolves one of them in the middle.
    byte[] copy = TestHttp.payload("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json");
    byte[] fired = TestHttp.payload(GATEWAY_TIMEOUT_ALERT);
    byte[] resolved = resolvedCopyOf(GATEWAY_TIMEOUT_ALERT);
    Instant now = Instant.now();
    UUID before = UUID.randomUUID();
    inbox.insert(stored(before, copy, now));
    writer.write(List.of(decided(before, copy, now))); // the copy failure is already open
    UUID copyIncident = incidentOf(before);

    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(copy);
      bodies.add(fired);
    }
    bodies.add(resolved); // closes the gateway-timeout incident opened by this batch
    bodies.add(fired); // the same alert failing again afterwards: a new incident
    bodies.add(copy);
    bodies.add(fired);
    List<UUID> ids = new ArrayList<>();
    List<DecisionWriter.Decided> batch = new ArrayList<>();
    for (byte[] body : bodies) {
      UUID id = UUID.randomUUID();
      inbox.insert(stored(id, body, now));
      ids.add(id);
      batch.add(decided(id, body, now));
    }
    writer.write(batch);

    for (UUID id : ids) {
      assertThat(admin("/api/deliveries/" + id).body().path("status").asString())
          .isEqualTo("PROCESSED");
    }
    JsonNode copies = viewer("/api/incidents/" + copyIncident).body();
    assertThat(copies.path("occurrences").asInt()).isEqualTo(1 + 4 + 1);
    UUID firstTimeout = incidentOf(ids.get(1));
    UUID secondTimeout = incidentOf(ids.get(9));
    assertThat(secondTimeout).isNotEqualTo(firstTimeout);
    JsonNode first = viewer("/api/incidents/" + firstTimeout).body();
    assertThat(first.path("status").asString()).isEqualTo("RESOLVED");
    assertThat(first.path("occurrences").asInt()).isEqualTo(4);
    assertThat(incidentOf(ids.get(8))).isEqualTo(firstTimeout); // the resolution names it
    JsonNode second = viewer("/api/incidents/" + secondTimeout).body();
    assertThat(second.path("status").asString()).isNotEqualTo("RESOLVED");
    assertThat(second.path("occurrences").asInt()).isEqualTo(2);
    for (int i : new int[] {0, 2, 4, 6, 10}) {
      assertThat(incidentOf(ids.get(i))).isEqualTo(copyIncident);
    }
    // every repeat still has its own audit event naming its delivery
    assertThat(occurrenceEvents(copyIncident)).isEqualTo(5);
    assertThat(occurrenceEvents(firstTimeout)).isEqualTo(3);
    assertThat(occurrenceEvents(secondTimeout)).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(DISTINCT delivery_id) FROM audit_event"
                        + " WHERE action = 'incident.occurrence'")
                .query(Long.class)
                .single())
        .isEqualTo(5 + 3 + 1);
    assertThat(decided.received).hasSize(3); // opened and decided: copy, timeout, timeout again
  }

  private DecisionWriter.Decided decided(UUID id, byte[] body, Instant receivedAt) {
    return new DecisionWriter.Decided(
        stored(id, body, receivedAt).withoutBody(),
        decisions.evaluate(extractor.extract("azure-monitor", TestHttp.JSON.readTree(body))));
  }

  private UUID incidentOf(UUID deliveryId) {
    return UUID.fromString(
        admin("/api/deliveries/" + deliveryId).body().path("incidentId").asString());
  }

  private long occurrenceEvents(UUID incidentId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM audit_event WHERE incident_id = ? AND action = 'incident.occurrence'")
        .param(incidentId)
        .query(Long.class)
        .single();
  }

  private static Delivery stored(UUID id, byte[] body, Instant receivedAt) {
    return new Delivery(
        id,
        "azure-monitor",
        "/webhooks/azure-monitor",
        receivedAt,
        "{}",
        body,
        false,
        body.length,
        Delivery.Status.RECEIVED,
        202,
        null,
        0,
        receivedAt.plusSeconds(60),
        null,
        null,
        null,
        null);
  }

  // ---- rejections ---------------------------------------------------------------------------

  // Unauthenticated requests are answered and counted but never stored: anyone can send them, so
  // storing them would let anyone write rows into the inbox (issue 14).
  @Test
  void wrongOrMissingSecretsAre401AndCountedButNeverStored() {
    byte[] alert = TestHttp.payload("azure-monitor/adf_metric_alert_pipeline_failed_runs.json");
    byte[] github = TestHttp.payload("cicd/github_workflow_run_failure.json");
    long refusedBefore = refusedTotal();

    TestHttp.Response wrongKey =
        http.post("/webhooks/azure-monitor", alert, Map.of("X-Api-Key", "guess"));
    TestHttp.Response noKey = http.post("/webhooks/azure-monitor", alert, Map.of());
    TestHttp.Response wrongQueryToken =
        http.post("/webhooks/azure-monitor?token=guess", alert, Map.of());
    TestHttp.Response badSignature =
        http.post(
            "/webhooks/github",
            github,
            Map.of(
                "X-Hub-Signature-256",
                "sha256=" + "0".repeat(64),
                "X-GitHub-Event",
                "workflow_run"));
    TestHttp.Response wrongGitlab =
        http.post(
            "/webhooks/gitlab",
            TestHttp.payload("cicd/gitlab_pipeline_failed.json"),
            Map.of("X-Gitlab-Token", "not-it"));

    for (TestHttp.Response r :
        List.of(wrongKey, noKey, wrongQueryToken, badSignature, wrongGitlab)) {
      assertThat(r.status()).as(r.raw()).isEqualTo(401);
      assertThat(r.body().path("error").asString()).isEqualTo("unauthorized");
      assertThat(r.body().path("detail").asString())
          .isNotBlank()
          .doesNotContain("azure-monitor-secret");
      assertThat(r.body().has("deliveryId")).as(r.raw()).isFalse();
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isZero();
    assertThat(viewer("/api/incidents").body().path("total").asLong()).isZero();

    JsonNode refused = operator("/api/deliveries/refused").body();
    assertThat(refused.path("total").asLong()).isEqualTo(refusedBefore + 5);
    assertThat(countOf(refused, "azure-monitor", "wrong_secret")).isGreaterThanOrEqualTo(2);
    assertThat(countOf(refused, "azure-monitor", "missing_credentials")).isGreaterThanOrEqualTo(1);
    assertThat(countOf(refused, "github", "bad_signature")).isGreaterThanOrEqualTo(1);
    assertThat(countOf(refused, "gitlab", "wrong_secret")).isGreaterThanOrEqualTo(1);
    JsonNode newest = refused.path("recent").get(0);
    assertThat(newest.path("endpoint").asString()).isEqualTo("gitlab");
    assertThat(newest.path("path").asString()).isEqualTo("/webhooks/gitlab");
    assertThat(newest.path("httpStatus").asInt()).isEqualTo(401);
    assertThat(newest.path("headers").has("X-Gitlab-Token")).isFalse();
    assertThat(newest.path("bodyStart").asString()).hasSizeLessThanOrEqualTo(1024);
    assertThat(refused.toString()).doesNotContain("not-it").doesNotContain("guess");
  }

  @Test
  void anUnauthenticatedTwoMegabytePostStoresNothingAndIsCounted() {
    byte[] big =
        ("{\"padding\":\"" + "x".repeat(2 * 1024 * 1024 - 14) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    long refusedBefore = refusedTotal();

    TestHttp.Response keyed = http.post("/webhooks/azure-monitor", big, Map.of());
    TestHttp.Response signed =
        http.post(
            "/webhooks/github", big, Map.of("X-Hub-Signature-256", "sha256=" + "0".repeat(64)));

    assertThat(keyed.status()).as(keyed.raw()).isEqualTo(401);
    assertThat(keyed.body().path("error").asString()).isEqualTo("unauthorized");
    // a signature cannot be checked without the whole body, which is over the limit
    assertThat(signed.status()).as(signed.raw()).isEqualTo(413);
    assertThat(signed.body().path("detail").asString()).contains("nothing was stored");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery").query(Long.class).single()).isZero();
    JsonNode refused = operator("/api/deliveries/refused").body();
    assertThat(refused.path("total").asLong()).isEqualTo(refusedBefore + 2);
    assertThat(countOf(refused, "github", "too_large_to_verify")).isGreaterThanOrEqualTo(1);
    for (JsonNode sample : List.of(refused.path("recent").get(0), refused.path("recent").get(1))) {
      assertThat(sample.path("bodySize").asLong()).isEqualTo(big.length);
      assertThat(sample.path("bodyStart").asString())
          .startsWith("{\"padding\":\"xxx")
          .hasSize(1024);
    }
  }

  @Test
  void refusedRequestsAreForOperatorsNotViewers() {
    TestHttp.Response asViewer = viewer("/api/deliveries/refused");
    assertThat(asViewer.status()).isEqualTo(403);
    assertThat(asViewer.body().path("error").asString()).isEqualTo("forbidden");
    TestHttp.Response asOperator = operator("/api/deliveries/refused");
    assertThat(asOperator.status()).isEqualTo(200);
    assertThat(asOperator.body().path("since").asString()).isNotBlank();
    assertThat(asOperator.body().path("counts").isArray()).isTrue();
    assertThat(asOperator.body().path("recent").isArray()).isTrue();
  }

  @Test
  void azureMonitorMayAuthenticateWithTheTokenQueryParameter() {
    TestHttp.Response answer =
        http.post(
            "/webhooks/azure-monitor?token=azure-monitor-secret",
            TestHttp.payload("azure-monitor/adf_metric_alert_pipeline_failed_runs.json"),
            Map.of());
    assertThat(answer.status()).isEqualTo(202);
  }

  @Test
  void githubSignatureFromTheRecordedDeliveryIsAccepted() {
    JsonNode headers = TestHttp.payloadJson("cicd/github_workflow_run_failure.headers.json");
    TestHttp.Response answer =
        http.post(
            "/webhooks/github",
            TestHttp.payload("cicd/github_workflow_run_failure.json"),
            Map.of(
                "X-Hub-Signature-256",
                headers.path("X-Hub-Signature-256").asString(),
                "X-GitHub-Event",
                "workflow_run"));
    assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
  }

  @Test
  void nonJsonIs400OversizeIs413AndBothAreKept() {
    TestHttp.Response notJson =
        http.post(
            "/webhooks/generic",
            "this is not json".getBytes(StandardCharsets.UTF_8),
            Map.of("X-Api-Key", "generic-secret"));
    byte[] big =
        ("{\"padding\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    TestHttp.Response oversize =
        http.post("/webhooks/databricks", big, Map.of("X-Api-Key", "databricks-secret"));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().path("detail").asString()).contains("not valid JSON");
    assertThat(oversize.status()).isEqualTo(413);
    assertThat(oversize.body().path("detail").asString()).contains("65536");

    for (TestHttp.Response r : List.of(notJson, oversize)) {
      JsonNode stored = admin("/api/deliveries/" + r.body().path("deliveryId").asString()).body();
      assertThat(stored.path("status").asString()).isEqualTo("REJECTED");
      assertThat(stored.path("httpStatus").asInt()).isEqualTo(r.status());
      assertThat(stored.path("reason").asString()).isEqualTo(r.body().path("detail").asString());
    }
    JsonNode storedNotJson =
        admin("/api/deliveries/" + notJson.body().path("deliveryId").asString()).body();
    assertThat(storedNotJson.path("body").asString()).isEqualTo("this is not json");
    JsonNode rejected = viewer("/api/deliveries?status=rejected").body();
    assertThat(rejected.path("total").asLong()).isEqualTo(2);
  }

  /** A body too large to wait in the worker queue is read back from the inbox by the worker. */
  @Test
  void anAlertTooLargeToQueueInMemoryIsReadBackFromTheInboxAndDecided() {
    String alert = text("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json").strip();
    byte[] large =
        ("{\"padding\":\""
                + "x".repeat(DeliveryProcessor.MAX_QUEUED_BODY)
                + "\","
                + alert.substring(1))
            .getBytes(StandardCharsets.UTF_8);

    JsonNode processed = awaitProcessed(accept("/webhooks/azure-monitor", large));

    assertThat(processed.path("status").asString()).isEqualTo("PROCESSED");
    JsonNode incident = viewer("/api/incidents/" + processed.path("incidentId").asString()).body();
    assertThat(incident.path("decision").path("errorType").asString())
        .isNotBlank()
        .isNotEqualTo("UnrecognisedAlert");
  }

  /**
   * The request thread only checks that the body is JSON (the worker reads the alert in it): what
   * reading the body as a tree refuses is still refused at the door, with the parser's own limits
   * and without naming Java types or settings.
   */
  @Test
  void theJsonCheckAtTheDoorRefusesWhatReadingTheAlertWouldRefuse() {
    Map<String, String> secret = Map.of("X-Api-Key", "generic-secret");
    TestHttp.Response nullBody =
        http.post("/webhooks/generic", "null".getBytes(StandardCharsets.UTF_8), secret);
    TestHttp.Response twoValues =
        http.post(
            "/webhooks/generic", "{\"a\":1} {\"b\":2}".getBytes(StandardCharsets.UTF_8), secret);
    TestHttp.Response tooDeep =
        http.post(
            "/webhooks/generic",
            ("[".repeat(2_000) + "]".repeat(2_000)).getBytes(StandardCharsets.UTF_8),
            secret);
    TestHttp.Response longNumber =
        http.post(
            "/webhooks/generic",
            ("{\"n\":" + "7".repeat(1_500) + "}").getBytes(StandardCharsets.UTF_8),
            secret);
    TestHttp.Response cutShort =
        http.post("/webhooks/generic", "{\"a\":[1,2".getBytes(StandardCharsets.UTF_8), secret);

    assertThat(nullBody.status()).as(nullBody.raw()).isEqualTo(400);
    assertThat(nullBody.body().path("detail").asString()).contains("empty");
    assertThat(twoValues.status()).as(twoValues.raw()).isEqualTo(400);
    assertThat(twoValues.body().path("detail").asString()).contains("more than one JSON value");
    for (TestHttp.Response refused : List.of(tooDeep, longNumber, cutShort)) {
      assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
      assertThat(refused.body().path("error").asString()).isEqualTo("invalid_json");
      assertThat(refused.body().path("detail").asString())
          .contains("not valid JSON")
          .doesNotContain("StreamReadConstraints")
          .doesNotContain("`");
      JsonNode stored =
          admin("/api/deliveries/" + refused.body().path("deliveryId").asString()).body();
      assertThat(stored.path("status").asString()).isEqualTo("REJECTED");
    }
  }

  /**
   * Azure Monitor never retries a 4xx: refusing JSON from an authenticated sender would lose the
   * alert. It is taken in and a human decides, through the policy like any decision.
   */
  @Test
  void anAuthenticatedBodyNobodyCanReadBecomesAnEscalatedUnrecognisedAlert() throws Exception {
    TestHttp.Response unknown =
        http.post(
            "/webhooks/databricks",
            "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-Api-Key", "databricks-secret"));

    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(202);
    assertThat(unknown.body().path("status").asString()).isEqualTo("accepted");
    JsonNode processed = awaitProcessed(unknown.body().path("deliveryId").asString());
    assertThat(processed.path("status").asString()).isEqualTo("PROCESSED");
    String incidentId = processed.path("incidentId").asString();

    JsonNode listed = viewer("/api/incidents?errorType=UnrecognisedAlert").body();
    assertThat(listed.path("total").asLong()).isEqualTo(1);
    assertThat(listed.path("items").get(0).path("id").asString()).isEqualTo(incidentId);
    JsonNode incident = viewer("/api/incidents/" + incidentId).body();
    JsonNode decision = incident.path("decision");
    assertThat(decision.path("errorType").asString()).isEqualTo("UnrecognisedAlert");
    assertThat(decision.path("remediable").asBoolean()).isFalse();
    assertThat(decision.path("playbook").path("action").asString()).isEqualTo("escalate");
    assertThat(decision.path("reasons").get(0).asString())
        .contains("classification.xlsx, Platform codes, row");
    JsonNode fact = incident.path("fact");
    assertThat(fact.path("errorMessage").asString())
        .as("says what was missing")
        .contains("no known shape")
        .contains("hello");
    assertThat(fact.path("attributes").path("unrecognised.body").asString())
        .isEqualTo("{\"hello\":\"world\"}");
  }

  @Test
  void unknownWebhookEndpointIs404() {
    TestHttp.Response answer = http.post("/webhooks/nagios", "{}".getBytes(), Map.of());
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().path("detail").asString()).contains("azure-monitor");
  }

  @Test
  void aWebhookPathAnswersOtherMethodsWith405AndNeverAsksForAnApiToken() {
    TestHttp.Response get = http.get("/webhooks/azure-monitor", null);
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.body().path("error").asString()).isEqualTo("method_not_allowed");
    assertThat(get.body().path("detail").asString()).contains("POST");
    TestHttp.Response nested =
        http.post("/webhooks/azure-monitor/extra", "{}".getBytes(), Map.of());
    assertThat(nested.status()).isEqualTo(404);
    assertThat(viewer("/api/deliveries").body().path("total").asLong()).isZero();
  }

  // ---- resolution ---------------------------------------------------------------------------

  // The failures below are remediable by the shipped policy, so with remediation in approve-all
  // mode they stay DECIDED (waiting for approval) until the platform reports recovery.

  @Test
  void resolvedAlertResolvesItsOpenIncident() throws Exception {
    String fired = accept("/webhooks/azure-monitor", GATEWAY_TIMEOUT_ALERT);
    String incidentId = awaitProcessed(fired).path("incidentId").asString();
    String resolved = accept("/webhooks/azure-monitor", resolvedCopyOf(GATEWAY_TIMEOUT_ALERT));
    assertThat(awaitProcessed(resolved).path("incidentId").asString()).isEqualTo(incidentId);

    JsonNode incident = viewer("/api/incidents/" + incidentId).body();
    assertThat(incident.path("status").asString()).isEqualTo("RESOLVED");
    assertThat(incident.path("resolvedAt").isNull()).isFalse();
    assertThat(actions(incident.path("audit"))).contains("incident.resolved");
  }

  @Test
  void laterSuccessOfTheSameJobResolvesTheOpenIncident() throws Exception {
    String failed = accept("/webhooks/databricks", "databricks/databricks_job_failure.json");
    String incidentId = awaitProcessed(failed).path("incidentId").asString();

    String success = accept("/webhooks/databricks", "databricks/databricks_job_success.json");

    assertThat(awaitProcessed(success).path("incidentId").asString()).isEqualTo(incidentId);
    assertThat(viewer("/api/incidents/" + incidentId).body().path("status").asString())
        .isEqualTo("RESOLVED");
    JsonNode stats = viewer("/api/stats").body();
    assertThat(stats.path("byStatus").path("RESOLVED").asLong()).isEqualTo(1);
    assertThat(stats.path("meanTimeToResolveSeconds").isNumber()).isTrue();
  }

  @Test
  void aNewFailureAfterResolutionOpensANewIncident() throws Exception {
    String first =
        awaitProcessed(accept("/webhooks/azure-monitor", GATEWAY_TIMEOUT_ALERT))
            .path("incidentId")
            .asString();
    awaitProcessed(accept("/webhooks/azure-monitor", resolvedCopyOf(GATEWAY_TIMEOUT_ALERT)));
    String second =
        awaitProcessed(accept("/webhooks/azure-monitor", GATEWAY_TIMEOUT_ALERT))
            .path("incidentId")
            .asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(viewer("/api/incidents?status=resolved").body().path("total").asLong()).isEqualTo(1);
    assertThat(viewer("/api/incidents").body().path("total").asLong()).isEqualTo(2);
  }

  // ---- replay -------------------------------------------------------------------------------

  @Test
  void replayTakesTheStoredBodyInAgainAsANewLinkedDelivery() throws Exception {
    String original =
        accept(
            "/webhooks/azure-monitor",
            "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json");
    String incidentId = awaitProcessed(original).path("incidentId").asString();

    TestHttp.Response replay =
        http.postApi("/api/deliveries/" + original + "/replay", "", "operator-token");

    assertThat(replay.status()).as(replay.raw()).isEqualTo(202);
    String replayed = replay.body().path("deliveryId").asString();
    assertThat(replayed).isNotEqualTo(original);
    JsonNode processed = awaitProcessed(replayed);
    assertThat(processed.path("replayOf").asString()).isEqualTo(original);
    assertThat(processed.path("incidentId").asString()).isEqualTo(incidentId);
    assertThat(viewer("/api/incidents/" + incidentId).body().path("occurrences").asInt())
        .isEqualTo(2);
    JsonNode audit = viewer("/api/audit?action=delivery.replayed").body();
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("actor").asString())
        .startsWith("operator-")
        .doesNotContain("operator-token");
    assertThat(processed.path("requestedBy").asString())
        .as("plans this delivery starts are the operator's request")
        .isEqualTo(audit.get(0).path("actor").asString());
    assertThat(viewer("/api/deliveries/" + original).body().path("requestedBy").isNull())
        .as("the platform's own delivery is requested by nobody in particular")
        .isTrue();
  }

  @Test
  void anIncidentOpenedOnAReplayIsRequestedByTheOperatorWhoReplayed() throws Exception {
    io.rebound.policy.Evaluation evaluation =
        decisions.evaluate(
            extractor.extract(
                "databricks",
                new tools.jackson.databind.ObjectMapper()
                    .readTree(
                        TestHttp.payload(
                            "databricks/databricks_cluster_get_terminated_driver_unreachable.json"))));

    java.util.UUID opened = recorder.record(evaluation, null, "operator-1a2b3c4d").incidentId();

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(decided.received)
                    .filteredOn(e -> e.incidentId().equals(opened))
                    .extracting(io.rebound.incident.IncidentDecided::requestedBy)
                    .containsExactly("operator-1a2b3c4d"));
  }

  // Earlier versions stored deliveries refused for their secret; such rows still cannot be
  // replayed.
  @Test
  void aDeliveryStoredAsRefusedForItsSecretCannotBeReplayed() {
    UUID id = UUID.randomUUID();
    inbox.insert(
        new Delivery(
            id,
            "azure-monitor",
            "/webhooks/azure-monitor",
            Instant.now(),
            "{}",
            TestHttp.payload("azure-monitor/adf_metric_alert_pipeline_failed_runs.json"),
            false,
            100,
            Delivery.Status.REJECTED,
            401,
            "Wrong secret in X-Api-Key",
            0,
            null,
            null,
            null,
            null,
            null));
    TestHttp.Response replay = http.postApi("/api/deliveries/" + id + "/replay", "", "admin-token");
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.body().path("detail").asString()).contains("bypass authentication");
  }

  // ---- API security and errors --------------------------------------------------------------

  @Test
  void theApiNeedsATokenWithTheRightRole() {
    TestHttp.Response anonymous = http.get("/api/incidents", null);
    TestHttp.Response wrongToken = http.get("/api/incidents", "nope");
    TestHttp.Response viewerEvaluate =
        http.postApi("/api/decisions/evaluate", "{}", "viewer-token");
    TestHttp.Response viewerReplay =
        http.postApi("/api/deliveries/" + UUID.randomUUID() + "/replay", "", "viewer-token");
    TestHttp.Response operatorApproval =
        http.postApi("/api/approvals/" + UUID.randomUUID() + "/approve", "{}", "operator-token");
    TestHttp.Response approverPolicy = http.postApi("/api/policy/reload", "{}", "approver-token");
    TestHttp.Response adminRead = http.get("/api/incidents", "admin-token");
    TestHttp.Response health = http.get("/actuator/health", null);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body().path("error").asString()).isEqualTo("unauthorized");
    assertThat(wrongToken.status()).isEqualTo(401);
    assertThat(viewerEvaluate.status()).isEqualTo(403);
    assertThat(viewerEvaluate.body().path("error").asString()).isEqualTo("forbidden");
    assertThat(viewerReplay.status()).isEqualTo(403);
    assertThat(operatorApproval.status()).isEqualTo(403);
    assertThat(approverPolicy.status()).isEqualTo(403);
    assertThat(adminRead.status()).isEqualTo(200);
    assertThat(health.status()).isEqualTo(200);
  }

  @Test
  void badQueryParametersAre400NamingTheParameterAndUnknownIdsAre404() {
    TestHttp.Response badStatus = viewer("/api/incidents?status=burning");
    TestHttp.Response badTime = viewer("/api/incidents?from=yesterday");
    TestHttp.Response badSize = viewer("/api/deliveries?size=0");
    TestHttp.Response unknownIncident = viewer("/api/incidents/" + UUID.randomUUID());
    TestHttp.Response unknownDelivery = viewer("/api/deliveries/" + UUID.randomUUID());
    TestHttp.Response notAnId = viewer("/api/incidents/12");

    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body().path("detail").asString()).contains("'status'").contains("burning");
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.body().path("detail").asString()).contains("'from'");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.body().path("detail").asString()).contains("'size'");
    assertThat(unknownIncident.status()).isEqualTo(404);
    assertThat(unknownIncident.body().path("error").asString()).isEqualTo("not_found");
    assertThat(unknownDelivery.status()).isEqualTo(404);
    assertThat(notAnId.status()).isEqualTo(400);
  }

  @Test
  void incidentListFiltersBySourceStatusAndEnvironment() throws Exception {
    awaitProcessed(accept("/webhooks/github", "cicd/github_workflow_run_failure.json"));
    awaitProcessed(
        accept(
            "/webhooks/azure-monitor", "azure-monitor/adf_metric_alert_pipeline_failed_runs.json"));

    assertThat(viewer("/api/incidents?source=github").body().path("total").asLong()).isEqualTo(1);
    assertThat(viewer("/api/incidents?source=azure-data-factory").body().path("total").asLong())
        .isEqualTo(1);
    assertThat(viewer("/api/incidents?status=resolved").body().path("total").asLong()).isZero();
    assertThat(viewer("/api/incidents?size=1").body().path("items")).hasSize(1);
    assertThat(viewer("/api/incidents?from=2999-01-01T00:00:00Z").body().path("total").asLong())
        .isZero();
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Test
  void lifecycleTransitionsAreGuardedAndAudited() throws Exception {
    String id =
        awaitProcessed(accept("/webhooks/azure-monitor", GATEWAY_TIMEOUT_ALERT))
            .path("incidentId")
            .asString();
    UUID incidentId = UUID.fromString(id);

    lifecycle.markRemediating(incidentId, "remediation", "retry_pipeline attempt 1");
    lifecycle.audit(incidentId, "remediation", "attempt.started", Map.of("attempt", 1));
    lifecycle.markEscalated(incidentId, "remediation", "retries spent");

    assertThatThrownBy(() -> lifecycle.markResolved(incidentId, "remediation", "late success"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ESCALATED");
    JsonNode incident = viewer("/api/incidents/" + id).body();
    assertThat(incident.path("status").asString()).isEqualTo("ESCALATED");
    assertThat(actions(incident.path("audit")))
        .containsSubsequence(
            "incident.opened",
            "incident.decided",
            "incident.remediating",
            "attempt.started",
            "incident.escalated");
    assertThat(viewer("/api/audit?incidentId=" + id + "&action=attempt.started").body()).hasSize(1);

    // the same failure arriving again is one more occurrence of the escalated incident, not a new
    // incident that would escalate (and page) again
    String repeat = accept("/webhooks/azure-monitor", GATEWAY_TIMEOUT_ALERT);
    assertThat(awaitProcessed(repeat).path("incidentId").asString()).isEqualTo(id);
    assertThat(viewer("/api/incidents/" + id).body().path("occurrences").asInt()).isEqualTo(2);
    assertThat(viewer("/api/incidents").body().path("total").asLong()).isEqualTo(1);
  }

  // ---- Databricks ---------------------------------------------------------------------------

  @Test
  void databricksNotificationIsEnrichedWithTheRunAndTheFailedTasksOutput() throws Exception {
    String id =
        awaitProcessed(accept("/webhooks/databricks", "databricks/databricks_job_failure.json"))
            .path("incidentId")
            .asString();

    JsonNode incident = viewer("/api/incidents/" + id).body();
    assertThat(incident.path("errorMessage").asString()).contains("ZeroDivisionError");
    assertThat(incident.path("fact").path("codes").path("runTerminationCode").asString())
        .isEqualTo("RUN_EXECUTION_ERROR");
    DATABRICKS.verify(
        getRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/get-output"))
            .withQueryParam("run_id", equalTo("41847992357945")));
  }

  /** One fact pipeline: the what-if reads, enriches and decides exactly as the webhook does. */
  @Test
  void theWhatIfDecidesANotificationAsTheWebhookDoesWithTheSameDatabricksAnswers()
      throws Exception {
    String body = text("databricks/databricks_job_failure.json");
    String id =
        awaitProcessed(accept("/webhooks/databricks", "databricks/databricks_job_failure.json"))
            .path("incidentId")
            .asString();
    JsonNode incident = viewer("/api/incidents/" + id).body();

    TestHttp.Response whatIf =
        http.postApi(
            "/api/decisions/evaluate",
            "{\"source\": \"databricks\", \"payload\": " + body + "}",
            "operator-token");

    assertThat(whatIf.status()).as(whatIf.raw()).isEqualTo(200);
    JsonNode answer = whatIf.body();
    assertThat(answer.path("enriched").asBoolean()).isTrue();
    assertThat(answer.path("enrichment").asString()).contains("runs/get + runs/get-output");
    assertThat(answer.path("decision")).isEqualTo(incident.path("decision"));
    assertThat(answer.path("fact").path("codes")).isEqualTo(incident.path("fact").path("codes"));
    assertThat(answer.path("fact").path("errorMessage").asString())
        .isEqualTo(incident.path("fact").path("errorMessage").asString())
        .contains("ZeroDivisionError");
    assertThat(answer.path("otherRows").isArray()).isTrue();
    assertThat(answer.path("otherRows")).isEmpty();
  }

  /** The prior tool's Log Analytics path: each failing row of the results is its own incident. */
  @Test
  void eachFailingRowPostedToThePriorToolsAlertPathIsItsOwnIncident() throws Exception {
    JsonNode file =
        TestHttp.JSON.readTree(
            java.nio.file.Files.readString(
                java.nio.file.Path.of(
                    "src/test/resources/corpus/azure-monitor-log-legacy/"
                        + "job-runs-error-code-column-two-rows.json")));
    byte[] body = TestHttp.JSON.writeValueAsBytes(file.path("body"));

    TestHttp.Response answer = postSigned("/azure-monitor-alert", body);

    assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    JsonNode processed = awaitProcessed(answer.body().path("deliveryId").asString());
    assertThat(processed.path("status").asString()).isEqualTo("PROCESSED");
    JsonNode incidents = viewer("/api/incidents").body();
    assertThat(incidents.path("total").asLong()).isEqualTo(2);
    List<String> types = new java.util.ArrayList<>();
    incidents.path("items").forEach(i -> types.add(i.path("errorType").asString()));
    assertThat(types)
        .containsExactlyInAnyOrder(
            "ClusterUnexpectedTermination", "DatabricksLibraryInstallationError");
  }

  @Test
  void aSlowDatabricksApiAddsNothingToOtherWebhooksLatencyNorTheirProcessing() throws Exception {
    DATABRICKS.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .willReturn(
                okJson(text("databricks/databricks_runs_get_failed_run_execution_error.json"))
                    .withFixedDelay(2000)));
    // more Databricks failures than there are workers of any kind: each waits 2 s on the API
    for (int i = 0; i < 10; i++) {
      assertThat(
              postSigned(
                      "/webhooks/databricks",
                      TestHttp.payload("databricks/databricks_job_failure.json"))
                  .status())
          .isEqualTo(202);
    }
    long start = System.nanoTime();
    TestHttp.Response adf =
        postSigned(
            "/webhooks/azure-monitor",
            TestHttp.payload("azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json"));
    Duration answered = Duration.ofNanos(System.nanoTime() - start);
    JsonNode processed = awaitProcessed(adf.body().path("deliveryId").asString());
    Duration decided = Duration.ofNanos(System.nanoTime() - start);

    assertThat(adf.status()).isEqualTo(202);
    assertThat(answered).isLessThan(Duration.ofMillis(1000));
    assertThat(processed.path("incidentId").isNull()).isFalse();
    assertThat(decided).isLessThan(Duration.ofMillis(1900));
  }

  @Test
  void clusterWatchTurnsAnUnexpectedTerminationIntoOneIncidentAndInactivityIntoNone()
      throws Exception {
    DATABRICKS.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/events"))
            .willReturn(
                okJson(
                    text(
                        "databricks/databricks_cluster_events_driver_unreachable_sequence.json"))));
    assertThat(clusterWatcher.poll(databricksReads, "1234-567890-reef123")).isEqualTo(1);
    // a second poll reads from where the first stopped: nothing new
    assertThat(clusterWatcher.poll(databricksReads, "1234-567890-reef123")).isZero();
    awaitAllProcessed();

    JsonNode incidents = viewer("/api/incidents").body();
    assertThat(incidents.path("total").asLong()).isEqualTo(1);
    assertThat(incidents.path("items").get(0).path("resource").asString())
        .contains("1234-567890-reef123");

    DATABRICKS.stubFor(
        post(urlPathEqualTo("/api/2.1/clusters/events"))
            .willReturn(
                okJson(
                    """
                    {"events": [{"cluster_id": "0415-inactive-abc", "timestamp": %d,
                      "type": "TERMINATING",
                      "details": {"reason": {"code": "INACTIVITY", "type": "SUCCESS",
                        "parameters": {"inactivity_duration_min": "120"}}}}],
                     "next_page_token": "", "prev_page_token": ""}"""
                        .formatted(System.currentTimeMillis()))));
    assertThat(clusterWatcher.poll(databricksReads, "0415-inactive-abc")).isEqualTo(1);
    awaitAllProcessed();
    assertThat(viewer("/api/incidents").body().path("total").asLong()).isEqualTo(1);
  }

  // ---- helpers ------------------------------------------------------------------------------

  static final String GATEWAY_TIMEOUT_ALERT =
      "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json";

  /** The same alert instance as Azure Monitor sends it once its condition is resolved. */
  static byte[] resolvedCopyOf(String file) {
    ObjectNode alert = (ObjectNode) TestHttp.payloadJson(file);
    ObjectNode essentials = (ObjectNode) alert.path("data").path("essentials");
    essentials.put("monitorCondition", "Resolved");
    essentials.put("resolvedDateTime", "2025-03-14T05:56:53.0000000Z");
    return TestHttp.JSON.writeValueAsBytes(alert);
  }

  String accept(String path, byte[] body) {
    TestHttp.Response answer = postSigned(path, body);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    return answer.body().path("deliveryId").asString();
  }

  static String text(String file) {
    return new String(TestHttp.payload(file), StandardCharsets.UTF_8);
  }

  /** Posts with the right credentials for the endpoint. */
  TestHttp.Response postSigned(String path, byte[] body) {
    if (path.equals("/webhooks/github")) {
      byte[] signature = WebhookAuthenticator.hmacSha256("It's a Secret to Everybody", body);
      return http.post(
          path,
          body,
          Map.of(
              "X-Hub-Signature-256",
              "sha256=" + HexFormat.of().formatHex(signature),
              "X-GitHub-Event",
              "workflow_run"));
    }
    if (path.equals("/webhooks/gitlab")) {
      return http.post(path, body, Map.of("X-Gitlab-Token", "my-shared-webhook-token"));
    }
    String secret =
        switch (path) {
          case "/webhooks/azure-monitor", "/azure-monitor", "/azure-monitor-alert" ->
              "azure-monitor-secret";
          case "/webhooks/databricks", "/databricks-monitor" -> "databricks-secret";
          default -> throw new IllegalArgumentException(path);
        };
    return http.post(path, body, Map.of("X-Api-Key", secret));
  }

  String accept(String path, String file) {
    TestHttp.Response answer = postSigned(path, TestHttp.payload(file));
    assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    return answer.body().path("deliveryId").asString();
  }

  TestHttp.Response viewer(String path) {
    return http.get(path, "viewer-token");
  }

  TestHttp.Response admin(String path) {
    return http.get(path, "admin-token");
  }

  TestHttp.Response operator(String path) {
    return http.get(path, "operator-token");
  }

  long refusedTotal() {
    return operator("/api/deliveries/refused").body().path("total").asLong();
  }

  static long countOf(JsonNode refused, String endpoint, String reason) {
    for (JsonNode count : refused.path("counts")) {
      if (count.path("endpoint").asString().equals(endpoint)
          && count.path("reason").asString().equals(reason)) {
        return count.path("count").asLong();
      }
    }
    return 0;
  }

  JsonNode awaitProcessed(String deliveryId) {
    JsonNode[] delivery = new JsonNode[1];
    pollFor15s()
        .alias("delivery " + deliveryId + " processed")
        .until(
            () -> {
              delivery[0] = admin("/api/deliveries/" + deliveryId).body();
              return !delivery[0].path("status").asString().equals("RECEIVED");
            });
    return delivery[0];
  }

  void awaitAllProcessed() {
    pollFor15s()
        .alias("no delivery still waiting")
        .until(() -> viewer("/api/deliveries?status=received").body().path("total").asLong() == 0);
  }

  void awaitIdle() {
    pollFor15s().alias("processing idle").until(processor::idle);
  }

  private static org.awaitility.core.ConditionFactory pollFor15s() {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20));
  }

  static List<String> actions(JsonNode audit) {
    List<String> actions = new ArrayList<>();
    audit.forEach(e -> actions.add(e.path("action").asString()));
    return actions;
  }
}
