package io.rebound.remediation;

import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.Connectors;
import io.rebound.failure.Action;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** One handler per playbook action. */
@Component
class ActionHandlers {

  private final Map<Action, ActionHandler> byAction = new EnumMap<>(Action.class);

  ActionHandlers(Connectors connectors) {
    List<ActionHandler> handlers =
        List.of(
            new ActionHandler(Action.RETRY_JOB, connectors),
            new ActionHandler(Action.REPAIR_RUN, connectors),
            new ActionHandler(Action.START_CLUSTER, connectors),
            new ActionHandler(Action.RESTART_CLUSTER, connectors),
            new ScaleCluster(connectors),
            new ReinstallLibrary(connectors),
            new ActionHandler(Action.RETRY_PIPELINE, connectors),
            new ActionHandler(Action.RERUN_UPSTREAM_PIPELINE, connectors),
            new ActionHandler(Action.RERUN_WORKFLOW, connectors));
    handlers.forEach(h -> byAction.put(h.action(), h));
  }

  /** The handler of a step's action; empty for escalate and for a name no handler knows. */
  Optional<ActionHandler> of(String action) {
    return Action.find(action).map(byAction::get);
  }

  /** Tries the playbook's library versions in order, one per attempt. */
  static final class ReinstallLibrary extends ActionHandler {

    ReinstallLibrary(Connectors connectors) {
      super(Action.REINSTALL_LIBRARY, connectors);
    }

    @Override
    ActionRequest request(Rows.Step step, Rows.Attempt attempt) {
      ActionRequest request = super.request(step, attempt);
      String versions = request.parameters().get("libraryVersions");
      if (versions == null || versions.isBlank()) {
        return request;
      }
      String[] candidates = versions.split(",");
      Map<String, String> parameters = new LinkedHashMap<>(request.parameters());
      parameters.put(
          "libraryVersion",
          candidates[Math.min(attempt.attemptNo(), candidates.length) - 1].trim());
      return new ActionRequest(
          request.action(), request.target(), parameters, request.idempotencyKey());
    }
  }

  /**
   * Adds workers; the cluster's size before is remembered and put back when the plan ends, however
   * it ends. Asking again adds workers again, so an unknown outcome goes to a person.
   */
  static final class ScaleCluster extends ActionHandler {

    ScaleCluster(Connectors connectors) {
      super(Action.SCALE_CLUSTER, connectors);
    }

    @Override
    Optional<String> whyNotRepeatable(Rows.Step step) {
      return Optional.of(
          "Rebound stopped while scaling cluster %s and cannot tell whether the resize was sent;"
                  .formatted(step.target().get("clusterId"))
              + " scaling again would add workers twice. Check the cluster's size");
    }

    @Override
    Optional<Map<String, Object>> undoData(Rows.Step step, ActionResult result) {
      if (result.data().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Map.of("target", step.target(), "data", result.data()));
    }

    @Override
    @SuppressWarnings("unchecked")
    Optional<ActionRequest> undo(String planId, Map<String, Object> snapshot) {
      Map<String, String> target = new LinkedHashMap<>();
      ((Map<String, Object>) snapshot.getOrDefault("target", Map.of()))
          .forEach((k, v) -> target.put(k, String.valueOf(v)));
      Map<String, String> size = new LinkedHashMap<>();
      ((Map<String, Object>) snapshot.getOrDefault("data", Map.of()))
          .forEach((k, v) -> size.put(k, String.valueOf(v)));
      return Optional.of(
          new ActionRequest(
              Action.RESTORE_CLUSTER_SIZE.id(), target, size, "rebound-" + planId + "-restore"));
    }
  }
}
