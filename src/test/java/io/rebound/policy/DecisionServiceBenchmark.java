package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.Source;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Decisions per second of the shipped policy over a realistic mix of facts, beside a plain HashMap
 * lookup of the same playbook table. Not a unit test. Run from the project root:
 *
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath io.rebound.policy.DecisionServiceBenchmark"
 * </pre>
 *
 * <p>On a shared machine the scores mostly measure the load; {@link DecisionCpuMeter} counts
 * decisions per second of CPU the deciding thread actually got.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 2)
public class DecisionServiceBenchmark {

  private PolicyEngine policy;
  private FailureFact[] facts;
  private String[] errorTypes;
  private Map<String, Playbook> playbookTable;
  private int next;
  private long serial;

  @Setup
  public void setUp() {
    policy = PolicyEngine.fromDirectory(Path.of("").toAbsolutePath());
    facts = mix().toArray(FailureFact[]::new);
    errorTypes = new String[facts.length];
    playbookTable = new HashMap<>();
    for (int i = 0; i < facts.length; i++) {
      Decision d = policy.evaluate(facts[i]).decision();
      errorTypes[i] = d.failure() ? d.errorType() : "none";
      if (d.failure()) {
        playbookTable.put(d.errorType(), d.playbook());
      }
    }
  }

  /**
   * The service path. Every call is a new failure with a run id never seen before in its message.
   * The rules see a message only as the phrases it mentions, so a run id alone never makes a
   * decision new: each failure of the mix runs the rules once, then comes from the memo, as in a
   * real alert storm.
   */
  @Benchmark
  public Evaluation policy() {
    return policy.evaluate(fresh(facts[advance()]));
  }

  /** The rules on every call: what a decision costs when nothing like it was seen before. */
  @Benchmark
  public Evaluation policyWithoutMemo() {
    return policy.evaluateWithoutMemo(fresh(facts[advance()]));
  }

  @Benchmark
  public Playbook hashMapLookup() {
    return playbookTable.get(errorTypes[advance()]);
  }

  /** The next fact of the mix; wraps without ever overflowing, however long the run. */
  private int advance() {
    int i = next;
    next = i + 1 == facts.length ? 0 : i + 1;
    return i;
  }

  /** The same failure as a new alert: its own run id, in the message as real messages carry it. */
  private FailureFact fresh(FailureFact f) {
    return asNewAlert(f, ++serial);
  }

  static FailureFact asNewAlert(FailureFact f, long serial) {
    String runId = Long.toString(41847992357943L + serial);
    String message = f.errorMessage().isEmpty() ? "" : f.errorMessage() + " (run " + runId + ")";
    return Facts.withMessage(f, message, Map.of("runId", runId));
  }

  /** What a busy night looks like: failures and non-failures from every source. */
  static List<FailureFact> mix() {
    Environment prod = Environment.PRODUCTION;
    Environment stg = Environment.STAGING;
    return List.of(
        Facts.adf(
            "2200",
            "UserErrorSourceBlobNotExist",
            null,
            "ErrorCode=UserErrorSourceBlobNotExist",
            prod),
        Facts.adf(
            "2108",
            null,
            504,
            "Error calling the endpoint. Response status code: 'GatewayTimeout'",
            prod),
        Facts.adf("2108", null, 429, "Response status code: 'TooManyRequests'", stg),
        Facts.adf("2200", "UserErrorInvalidDataType", null, "", prod),
        Facts.adf("3203", null, null, "The cluster is in Terminated state", stg),
        Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", prod),
        Facts.clusterTerminated("INACTIVITY", "SUCCESS", prod),
        Facts.clusterTerminated("SPARK_ERROR", "SERVICE_FAULT", stg),
        Facts.clusterTerminated("CLOUD_PROVIDER_LAUNCH_FAILURE", "CLOUD_FAILURE", prod),
        Facts.clusterTerminated(
            "DBR_CLUSTER_LAUNCH_TIMEOUT", "SERVICE_FAULT", Environment.DEVELOPMENT),
        Facts.libraryFailure("pandas==2.1.4", prod),
        Facts.jobRun("RUN_EXECUTION_ERROR", "CLIENT_ERROR", "FAILED", "Workload failed", prod),
        Facts.jobRun("DRIVER_ERROR", "CLOUD_FAILURE", "FAILED", "Could not reach driver", stg),
        Facts.jobRun(null, null, "TIMEDOUT", "", prod),
        Facts.databricksMessage("java.lang.OutOfMemoryError: Java heap space", prod),
        Facts.withOutcome(Source.DATABRICKS, Outcome.SUCCEEDED, prod),
        Facts.withOutcome(Source.DATABRICKS, Outcome.IN_PROGRESS, prod),
        Facts.withOutcome(Source.AZURE_DATA_FACTORY, Outcome.RESOLVED, prod),
        Facts.ci("failure", "npm ERR! code ERESOLVE", stg),
        Facts.ci("timed_out", "", prod),
        Facts.ci("failure", "something odd happened", prod),
        Facts.withOutcome(Source.GITHUB, Outcome.SUCCEEDED, prod));
  }

  public static void main(String[] args) throws RunnerException {
    long started = System.nanoTime();
    PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("").toAbsolutePath());
    System.out.printf(
        "Policy %s: validated and compiled in %d ms (first load in this JVM: %d ms)%n",
        engine.policyVersion(), engine.compileMillis(), (System.nanoTime() - started) / 1_000_000);
    new Runner(new OptionsBuilder().include(DecisionServiceBenchmark.class.getSimpleName()).build())
        .run();
  }
}
