package io.rebound.policy;

import io.rebound.failure.FailureFact;
import io.rebound.policy.ResourceState.ActionState;
import io.rebound.policy.ResourceState.PlaybookRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decisions per CPU-second with state facts beside the same decisions without them, over the
 * benchmark mix with a new run id in every message. The state changes from alert to alert as in a
 * storm (failure counts climbing, now and then an open breaker or a poor playbook history), so the
 * guard memo sees many states. Not a unit test. Run from the project root:
 *
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath io.rebound.policy.GuardedDecisionCpuMeter 60"
 * </pre>
 */
public final class GuardedDecisionCpuMeter {

  private GuardedDecisionCpuMeter() {}

  public static void main(String[] args) {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
    PolicyEngine policy = PolicyEngine.fromDirectory(Path.of("").toAbsolutePath());
    FailureFact[] mix = DecisionServiceBenchmark.mix().toArray(FailureFact[]::new);
    ResourceState[] states = states();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long serial = 0;
    long warmUntil = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      for (FailureFact f : mix) {
        FailureFact alert = DecisionServiceBenchmark.asNewAlert(f, ++serial);
        policy.evaluate(alert);
        policy.evaluate(alert, states[(int) (serial % states.length)]);
      }
    }
    System.out.println("path               decisions/CPU-s   decisions/s (wall)");
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      for (boolean withState : new boolean[] {false, true}) {
        long n = 0;
        long wall0 = System.nanoTime();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        while (System.nanoTime() - wall0 < 2_500_000_000L) {
          for (FailureFact f : mix) {
            FailureFact alert = DecisionServiceBenchmark.asNewAlert(f, ++serial);
            if (withState) {
              policy.evaluate(alert, states[(int) (serial % states.length)]);
            } else {
              policy.evaluate(alert);
            }
            n++;
          }
        }
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(
            "%-18s %15.0f %20.0f%n",
            withState ? "policy+state" : "policy", n / cpuSeconds, n / wallSeconds);
      }
    }
  }

  /** 64 states: 0-63 earlier failures, every 7th with an open breaker, every 5th a poor record. */
  private static ResourceState[] states() {
    ResourceState[] states = new ResourceState[64];
    for (int i = 0; i < states.length; i++) {
      String breaker = i % 7 == 0 ? "databricks:restart_cluster:meter" : null;
      PlaybookRecord record = i % 5 == 0 ? new PlaybookRecord(20, 2, 300L) : PlaybookRecord.NONE;
      Map<String, ActionState> actions =
          breaker == null
              ? Map.of()
              : Map.of(
                  "restart_cluster",
                  new ActionState(breaker, 1, false),
                  "retry_pipeline",
                  new ActionState(breaker, 1, false));
      states[i] =
          new ResourceState(
              i, i * 2, i % 3, actions, (type, action) -> record, StateOverrides.NONE);
    }
    return states;
  }
}
