package io.rebound.policy;

import io.rebound.ReboundApplication;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.failure.ResourceIds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What gathering the state costs on the deciding thread (embedded H2 runs its queries on the
 * caller's thread, so its CPU time is counted): an alert storm on one resource, where the cache
 * answers, and a storm over 100,000 different resources, where every gathering reads the database.
 * Not a unit test. Run from the project root:
 *
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath io.rebound.policy.StateGatheringCpuMeter 30"
 * </pre>
 */
public final class StateGatheringCpuMeter {

  private StateGatheringCpuMeter() {}

  public static void main(String[] args) {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
    try (ConfigurableApplicationContext ctx =
        new SpringApplicationBuilder(ReboundApplication.class)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN")
            .run(
                "--spring.datasource.url=jdbc:h2:mem:gathering;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--rebound.security.generated-secrets-file=target/gathering-secrets.properties",
                "--rebound.databricks.watch.cluster-ids=",
                // the security chain needs the web server; it listens on loopback only
                "--server.address=127.0.0.1",
                "--server.port=18581",
                "--management.server.port=18582")) {
      StateGatherer gatherer = ctx.getBean(StateGatherer.class);
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long serial = 0;
      System.out.println("storm                   gatherings/CPU-s   gatherings/s (wall)");
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        for (boolean oneResource : new boolean[] {true, false}) {
          long n = 0;
          long wall0 = System.nanoTime();
          long cpu0 = cpu.getCurrentThreadCpuTime();
          while (System.nanoTime() - wall0 < 2_500_000_000L) {
            gatherer.gather(cluster(oneResource ? 0 : ++serial % 100_000));
            n++;
          }
          double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
          double wallSeconds = (System.nanoTime() - wall0) / 1e9;
          System.out.printf(
              "%-22s %18.0f %21.0f%n",
              oneResource ? "one resource" : "100,000 resources", n / cpuSeconds, n / wallSeconds);
        }
      }
    }
  }

  private static FailureFact cluster(long n) {
    FailureFact f =
        Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
    ResourceIds r = f.resource();
    return new FailureFact(
        f.source(),
        f.environment(),
        f.resourceKind(),
        f.outcome(),
        new ResourceIds(
            r.alertId(),
            r.alertRule(),
            r.azureResourceId(),
            r.factory(),
            r.pipeline(),
            r.pipelineRunId(),
            r.activity(),
            r.activityType(),
            r.workspace(),
            r.jobId(),
            r.jobName(),
            r.runId(),
            r.parentRunId(),
            r.taskKey(),
            "0923-meter-" + n,
            r.library(),
            r.repository(),
            r.workflowRunId(),
            r.branch()),
        f.codes(),
        f.errorMessage(),
        f.failureType(),
        f.occurredAt(),
        f.attributes());
  }
}
