package io.rebound.policy;

import io.rebound.failure.FailureFact;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The measuring loop of the CPU meters: a 30 s warm-up over every path, then windows of 2.5 s per
 * path, each printed as decisions per CPU-second of this thread beside decisions per wall second.
 * Every alert is a mix fact with a new run id, so message-classified failures cannot hit the memo
 * on their text alone.
 */
final class CpuWindows {

  /** One way of deciding an alert, named as the report names it. */
  record Way(String name, Decide decide) {}

  /** Decides one alert; {@code serial} lets a way vary what it adds (state, for example). */
  interface Decide {
    void decide(FailureFact alert, long serial);
  }

  private CpuWindows() {}

  static void run(long seconds, List<Way> ways) {
    FailureFact[] mix = DecisionServiceBenchmark.mix().toArray(FailureFact[]::new);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long serial = 0;
    long warmUntil = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      for (FailureFact f : mix) {
        ++serial;
        for (Way way : ways) {
          way.decide().decide(DecisionServiceBenchmark.asNewAlert(f, serial), serial);
        }
      }
    }
    System.out.println("path               decisions/CPU-s   decisions/s (wall)");
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      for (Way way : ways) {
        long n = 0;
        long wall0 = System.nanoTime();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        while (System.nanoTime() - wall0 < 2_500_000_000L) {
          for (FailureFact f : mix) {
            ++serial;
            way.decide().decide(DecisionServiceBenchmark.asNewAlert(f, serial), serial);
            n++;
          }
        }
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        System.out.printf("%-18s %15.0f %20.0f%n", way.name(), n / cpuSeconds, n / wallSeconds);
      }
    }
  }
}
