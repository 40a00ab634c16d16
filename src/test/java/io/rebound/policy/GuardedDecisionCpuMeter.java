package io.rebound.policy;

import io.rebound.policy.ResourceState.ActionState;
import io.rebound.policy.ResourceState.PlaybookRecord;
import java.nio.file.Path;
import java.util.List;
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
    ResourceState[] states = states();
    CpuWindows.run(
        seconds,
        List.of(
            new CpuWindows.Way("policy", (alert, serial) -> policy.evaluate(alert)),
            new CpuWindows.Way(
                "policy+state",
                (alert, serial) ->
                    policy.evaluate(alert, states[(int) (serial % states.length)]))));
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
