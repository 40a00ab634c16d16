package io.rebound.remediation;

import io.rebound.failure.FailureFact;
import io.rebound.failure.ResourceIds;
import io.rebound.policy.Playbook;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a decided playbook into the steps of a plan: the primary action (maxRetries attempts), then
 * each fallback once, then the chained playbook the same way, as far as the chain goes. Everything
 * is fixed here, when the plan is made, so a policy edit never changes a running plan.
 */
final class PlanBlueprint {

  private PlanBlueprint() {}

  /**
   * @param chainLookup the policy's playbook for a chained error type, empty if it has none
   * @param maxChainDepth chained playbooks followed at most; a cycle stops at its first repeat
   */
  static List<StepSpec> stepsFor(
      String errorType,
      Playbook playbook,
      FailureFact fact,
      Function<String, Optional<Playbook>> chainLookup,
      int maxChainDepth) {
    Map<String, String> target = targetOf(fact.resource());
    Map<String, String> baseParameters = new LinkedHashMap<>();
    String upstream = fact.attributes().get("upstreamPipeline");
    if (upstream != null) {
      baseParameters.put("upstreamPipeline", upstream);
    }
    List<StepSpec> steps = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String stageName = errorType;
    Playbook stage = playbook;
    for (int stageNo = 0; stage != null && stageNo <= maxChainDepth; stageNo++) {
      seen.add(stageName);
      addStage(steps, stageNo, stageName, stage, target, baseParameters);
      String next = stage.chain();
      if (next == null || next.isBlank() || seen.contains(next)) {
        break;
      }
      stageName = next;
      stage = chainLookup.apply(next).orElse(null);
    }
    return steps;
  }

  private static void addStage(
      List<StepSpec> steps,
      int stageNo,
      String name,
      Playbook playbook,
      Map<String, String> target,
      Map<String, String> baseParameters) {
    Map<String, String> parameters = new LinkedHashMap<>(baseParameters);
    if (!playbook.libraryVersions().isEmpty()) {
      parameters.put("libraryVersions", String.join(",", playbook.libraryVersions()));
    }
    String primaryCheck =
        !playbook.verifyHealth()
            ? StepSpec.NO_HEALTH_CHECK
            : blankToNull(playbook.healthCheck()) == null
                ? ActionCatalog.defaultHealthCheck(playbook.action())
                : playbook.healthCheck();
    steps.add(
        new StepSpec(
            stageNo,
            StepSpec.StepKind.PRIMARY,
            name,
            playbook.action(),
            Math.max(1, playbook.maxRetries()),
            playbook.backoffSeconds(),
            playbook.timeoutSeconds(),
            primaryCheck,
            playbook.circuitBreakerThreshold(),
            target,
            parameters,
            playbook.needsApproval(playbook.action())));
    for (String fallback : playbook.fallbacks()) {
      steps.add(
          new StepSpec(
              stageNo,
              StepSpec.StepKind.FALLBACK,
              name,
              fallback,
              1,
              List.of(),
              playbook.timeoutSeconds(),
              playbook.verifyHealth()
                  ? ActionCatalog.defaultHealthCheck(fallback)
                  : StepSpec.NO_HEALTH_CHECK,
              playbook.circuitBreakerThreshold(),
              target,
              parameters,
              !StepSpec.ESCALATE.equals(fallback) && playbook.needsApproval(fallback)));
    }
  }

  /** The fact's resource ids by the names connectors read. */
  static Map<String, String> targetOf(ResourceIds ids) {
    Map<String, String> target = new LinkedHashMap<>();
    put(target, "workspace", ids.workspace());
    put(target, "jobId", ids.jobId());
    put(target, "jobName", ids.jobName());
    put(target, "runId", ids.runId());
    put(target, "parentRunId", ids.parentRunId());
    put(target, "taskKey", ids.taskKey());
    put(target, "clusterId", ids.clusterId());
    put(target, "library", ids.library());
    put(target, "factory", ids.factory());
    put(target, "pipeline", ids.pipeline());
    put(target, "pipelineRunId", ids.pipelineRunId());
    put(target, "activity", ids.activity());
    put(target, "azureResourceId", ids.azureResourceId());
    put(target, "repository", ids.repository());
    put(target, "workflowRunId", ids.workflowRunId());
    put(target, "branch", ids.branch());
    return target;
  }

  private static void put(Map<String, String> target, String key, String value) {
    if (value != null && !value.isBlank()) {
      target.put(key, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
