package io.rebound.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rebound.failure.Environment;
import io.rebound.incident.IncidentRecorder;
import io.rebound.policy.Evaluation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a unit test: measures (1) how many actions per second the executor sustains, each one a
 * retry_job call plus its run_succeeded health check against a local WireMock with no latency and
 * zero backoff (scheduler polling 50 ms, first health poll 100 ms after the action), and (2) how
 * long a restarted service takes to resume plans parked in a backoff. Run it as written in
 * BENCHMARKS.md ("Executor").
 *
 * <p>Arguments: incidents (default 500), scheduler threads (default 8), database URL (default an
 * in-memory H2).
 */
public final class ExecutorBenchmark {

  private ExecutorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String threads = args.length > 1 ? args[1] : "8";
    String database =
        args.length > 2
            ? args[2]
            : "jdbc:h2:mem:bench-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    WireMockServer platform = new WireMockServer(options().dynamicPort().containerThreads(32));
    platform.start();
    platform.stubFor(
        post(urlPathEqualTo("/api/2.2/jobs/run-now"))
            .willReturn(okJson("{\"run_id\": 555000111, \"number_in_job\": 1}")));
    platform.stubFor(
        get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
            .willReturn(
                okJson(
                    RemediationIntegrationTestBase.runBody(555000111, "TERMINATED", "SUCCESS"))));
    String[] settings = {
      "--rebound.remediation.scheduler.threads=" + threads,
      "--rebound.remediation.budget.max-actions-per-day=1000000",
      // the resume phase fails every first attempt on purpose: keep the platform breaker closed
      "--rebound.remediation.breakers.defaults.failure-threshold=1000000",
      "--logging.level.root=WARN"
    };
    try {
      // (1) throughput
      ConfigurableApplicationContext context =
          RestartResumeIntegrationTest.start(database, platform, settings);
      long started = System.nanoTime();
      record(context, incidents, "bench", List.of());
      awaitResolved(context, incidents);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "throughput: %d incidents (1 action + 1 health check each) in %.2f s = %.1f actions/s%n",
          incidents,
          seconds,
          incidents / seconds);

      // (2) resume after a restart: plans whose first attempt failed wait 5 s for the retry
      platform.stubFor(
          post(urlPathEqualTo("/api/2.2/jobs/run-now"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                      "$.idempotency_token",
                      com.github.tomakehurst.wiremock.client.WireMock.matching(".*-0-1$")))
              .atPriority(1)
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                      .withStatus(500)
                      .withBody("{\"error_code\":\"INTERNAL_ERROR\"}")));
      int parked = Math.min(incidents, 200);
      record(context, parked, "resume", List.of(0, 5)); // attempt 1 at once, attempt 2 after 5 s
      JdbcClient jdbc = context.getBean(JdbcClient.class);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(20))
          .alias("the first attempts of the parked plans failed")
          .until(
              () ->
                  jdbc.sql("select count(*) from remediation_attempt where status = 'FAILED'")
                          .query(Integer.class)
                          .single()
                      >= parked);
      long stopping = System.nanoTime();
      context.close();
      double stopSeconds = (System.nanoTime() - stopping) / 1e9;
      long restarting = System.nanoTime();
      ConfigurableApplicationContext again =
          RestartResumeIntegrationTest.start(database, platform, settings);
      double startSeconds = (System.nanoTime() - restarting) / 1e9;
      awaitResolved(again, incidents + parked);
      double resumedSeconds = (System.nanoTime() - restarting) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "restart: stop %.2f s, start %.2f s, all %d parked plans resolved %.2f s after the"
              + " restart began (their 5 s backoff ran out during it)%n",
          stopSeconds,
          startSeconds,
          parked,
          resumedSeconds);
      again.close();
    } finally {
      platform.stop();
    }
    System.exit(0);
  }

  private static void record(
      ConfigurableApplicationContext context, int count, String prefix, List<Integer> backoff) {
    IncidentRecorder recorder = context.getBean(IncidentRecorder.class);
    for (int i = 0; i < count; i++) {
      Evaluation evaluation =
          Incidents.evaluation(
              Incidents.jobFailure(
                  prefix + "-cluster-" + i,
                  Long.toString((prefix.hashCode() & 0xffff) * 1_000_000L + i),
                  Environment.PRODUCTION),
              Incidents.playbook("retry_job", Math.max(1, backoff.size()), backoff, 60, List.of()),
              false);
      recorder.record(evaluation, null);
    }
  }

  private static void awaitResolved(ConfigurableApplicationContext context, int count)
      throws InterruptedException {
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(20))
        .alias("all incidents resolved")
        .until(
            () ->
                jdbc.sql("select count(*) from incident where status = 'RESOLVED'")
                        .query(Integer.class)
                        .single()
                    >= count);
  }
}
