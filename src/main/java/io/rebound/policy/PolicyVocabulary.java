package io.rebound.policy;

import io.rebound.failure.Action;
import io.rebound.failure.ErrorTypes;
import java.util.List;

/** The words a workbook cell may use; anything else is a typo the validator reports. */
final class PolicyVocabulary {

  static final String ESCALATE = Action.ESCALATE.id();

  /** The one action vocabulary, shared with the executor and the connectors. */
  static final List<String> ACTIONS = Action.workbookNames();

  static final List<String> HEALTH_CHECKS =
      List.of(
          "cluster_running",
          "run_succeeded",
          "pipeline_succeeded",
          "library_installed",
          "workflow_succeeded",
          "none");

  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
  static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");
  static final List<String> ENVIRONMENTS = List.of("production", "staging", "development");
  static final List<String> PLATFORMS = List.of("azure-data-factory", "databricks", "ci", "other");
  static final List<String> OUTCOMES =
      List.of("FAILED", "TERMINATED", "SUCCEEDED", "RESOLVED", "IN_PROGRESS", "WARNING", "UNKNOWN");
  static final List<String> CATEGORIES = ErrorTypes.CI_CD;

  private PolicyVocabulary() {}
}
