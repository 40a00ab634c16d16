package io.rebound.failure;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every action Rebound can take, named exactly as ops write it in the playbook workbooks. The one
 * place action names are defined: the policy validates workbook cells against {@link
 * #workbookNames()}, the executor and the connectors dispatch on these constants.
 */
public enum Action {
  RETRY_PIPELINE(true),
  RERUN_UPSTREAM_PIPELINE(true),
  RETRY_JOB(true),
  REPAIR_RUN(true),
  RESTART_CLUSTER(true),
  START_CLUSTER(true),
  SCALE_CLUSTER(true),
  REINSTALL_LIBRARY(true),
  RERUN_WORKFLOW(true),
  /** Hand the incident to a person; no platform is called. */
  ESCALATE(true),
  /** Puts a scaled cluster back to its size when the plan ends; never written in a workbook. */
  RESTORE_CLUSTER_SIZE(false);

  private final boolean inWorkbooks;

  Action(boolean inWorkbooks) {
    this.inWorkbooks = inWorkbooks;
  }

  /** The name as written in a workbook cell and stored in a plan: "restart_cluster". */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Action> find(String id) {
    return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
  }

  /**
   * @throws IllegalArgumentException naming the unknown action and the known ones
   */
  public static Action of(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown action \"" + id + "\"; known: " + workbookNames()));
  }

  /** The names a workbook may use, in declaration order. */
  public static List<String> workbookNames() {
    return Arrays.stream(values()).filter(a -> a.inWorkbooks).map(Action::id).toList();
  }

  /** The names in {@code used} that are not actions a workbook may name; empty when all are. */
  public static List<String> unknownIn(Collection<String> used) {
    List<String> known = workbookNames();
    return used.stream().filter(name -> !known.contains(name)).distinct().toList();
  }
}
