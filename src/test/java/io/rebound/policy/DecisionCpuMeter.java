package io.rebound.policy;

import java.nio.file.Path;
import java.util.List;

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
    CpuWindows.run(
        seconds,
        List.of(
            new CpuWindows.Way("policy", (alert, serial) -> policy.evaluate(alert)),
            new CpuWindows.Way(
                "policyWithoutMemo", (alert, serial) -> policy.evaluateWithoutMemo(alert))));
  }
}
