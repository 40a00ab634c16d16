package io.rebound.policy;

import io.rebound.failure.FailureFact;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Decisions per second of CPU time of the deciding thread, over the benchmark mix: a figure that
 * stays comparable when other processes take most of the machine, which wall-clock throughput (JMH)
 * does not. Not a unit test. Run from the project root:
 *
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath io.rebound.policy.DecisionCpuMeter 60"
 * </pre>
 *
 * <p>Prints, every 5 s after a 30 s warm-up, both paths side by side in the same JVM.
 */
public final class DecisionCpuMeter {

  private DecisionCpuMeter() {}

  public static void main(String[] args) {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
    PolicyEngine policy = PolicyEngine.fromDirectory(Path.of("").toAbsolutePath());
    FailureFact[] mix = DecisionServiceBenchmark.mix().toArray(FailureFact[]::new);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long serial = 0;
    long warmUntil = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      for (FailureFact f : mix) {
        policy.evaluate(DecisionServiceBenchmark.asNewAlert(f, ++serial));
        policy.evaluateWithoutMemo(DecisionServiceBenchmark.asNewAlert(f, ++serial));
      }
    }
    System.out.println("path               decisions/CPU-s   decisions/s (wall)");
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      for (boolean memo : new boolean[] {true, false}) {
        long n = 0;
        long wall0 = System.nanoTime();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        while (System.nanoTime() - wall0 < 2_500_000_000L) {
          for (FailureFact f : mix) {
            FailureFact alert = DecisionServiceBenchmark.asNewAlert(f, ++serial);
            if (memo) {
              policy.evaluate(alert);
            } else {
              policy.evaluateWithoutMemo(alert);
            }
            n++;
          }
        }
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(
            "%-18s %15.0f %20.0f%n",
            memo ? "policy" : "policyWithoutMemo", n / cpuSeconds, n / wallSeconds);
      }
    }
  }
}
